10 ' a typical mistake: Spd 100 is set for the tray and never set back
20 HOpen 1
30 Mov PHome
40 ' block 1
50 Mov PPick1, -50
60 Mvs PPick1
70 HClose 1
80 Dly 0.3
90 Mvs PPick1, -50
100 Mov PPlace1, -50
110 Spd 100
120 Mvs PPlace1
130 HOpen 1
140 Dly 0.3
150 Mvs PPlace1, -50
160 ' block 2
170 Mov PPick2, -50
180 Mvs PPick2
190 HClose 1
200 Dly 0.3
210 Mvs PPick2, -50
220 Mov PPlace2, -50
230 Spd 100
240 Mvs PPlace2
250 HOpen 1
260 Dly 0.3
270 Mvs PPlace2, -50
280 ' block 3
290 Mov PPick3, -50
300 Mvs PPick3
310 HClose 1
320 Dly 0.3
330 Mvs PPick3, -50
340 Mov PPlace3, -50
350 Spd 100
360 Mvs PPlace3
370 HOpen 1
380 Dly 0.3
390 Mvs PPlace3, -50
400 Mov PHome
410 End
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PPick1=(+300.00,-220.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPick2=(+300.00,-140.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPick3=(+300.00,-60.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPlace1=(+330.00,+170.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PPlace2=(+330.00,+220.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PPlace3=(+330.00,+270.00,+20.00,+180.00,+0.00,+180.00)(7,0)
