10 ' a typical mistake: Ovrd 30 "to be safe" slows down the whole cycle
20 Ovrd 30
30 HOpen 1
40 Mov PHome
50 ' block 1
60 Mov PPick1, -50
70 Mvs PPick1
80 HClose 1
90 Dly 0.3
100 Mvs PPick1, -50
110 Mov PPlace1, -50
120 Spd 100
130 Mvs PPlace1
140 HOpen 1
150 Dly 0.3
160 Mvs PPlace1, -50
170 Spd M_NSpd
180 ' block 2
190 Mov PPick2, -50
200 Mvs PPick2
210 HClose 1
220 Dly 0.3
230 Mvs PPick2, -50
240 Mov PPlace2, -50
250 Spd 100
260 Mvs PPlace2
270 HOpen 1
280 Dly 0.3
290 Mvs PPlace2, -50
300 Spd M_NSpd
310 ' block 3
320 Mov PPick3, -50
330 Mvs PPick3
340 HClose 1
350 Dly 0.3
360 Mvs PPick3, -50
370 Mov PPlace3, -50
380 Spd 100
390 Mvs PPlace3
400 HOpen 1
410 Dly 0.3
420 Mvs PPlace3, -50
430 Spd M_NSpd
440 Mov PHome
450 End
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PPick1=(+300.00,-220.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPick2=(+300.00,-140.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPick3=(+300.00,-60.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPlace1=(+330.00,+170.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PPlace2=(+330.00,+220.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PPlace3=(+330.00,+270.00,+20.00,+180.00,+0.00,+180.00)(7,0)
