10 ' a typical mistake: full speed all the way down into the tray
20 HOpen 1
30 Mov PHome
40 ' block 1
50 Mov PPick1, -50
60 Mvs PPick1
70 HClose 1
80 Dly 0.3
90 Mvs PPick1, -50
100 Mov PPlace1, -50
110 Mvs PPlace1
120 HOpen 1
130 Dly 0.3
140 Mvs PPlace1, -50
150 ' block 2
160 Mov PPick2, -50
170 Mvs PPick2
180 HClose 1
190 Dly 0.3
200 Mvs PPick2, -50
210 Mov PPlace2, -50
220 Mvs PPlace2
230 HOpen 1
240 Dly 0.3
250 Mvs PPlace2, -50
260 ' block 3
270 Mov PPick3, -50
280 Mvs PPick3
290 HClose 1
300 Dly 0.3
310 Mvs PPick3, -50
320 Mov PPlace3, -50
330 Mvs PPlace3
340 HOpen 1
350 Dly 0.3
360 Mvs PPlace3, -50
370 Mov PHome
380 End
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PPick1=(+300.00,-220.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPick2=(+300.00,-140.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPick3=(+300.00,-60.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPlace1=(+330.00,+170.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PPlace2=(+330.00,+220.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PPlace3=(+330.00,+270.00,+20.00,+180.00,+0.00,+180.00)(7,0)
