10 ' three blocks into the tray, checking the curtain only before each block
20 HOpen 1
30 Mov PHome
40 PFrom = PPick1
50 PTo = PPlace1
60 GoSub *MOVEBLK
70 PFrom = PPick2
80 PTo = PPlace2
90 GoSub *MOVEBLK
100 PFrom = PPick3
110 PTo = PPlace3
120 GoSub *MOVEBLK
130 Mov PHome
140 End
150 '
160 *MOVEBLK
170 ' wait here if someone is in the opening
180 If M_In(8) = 1 Then Wait M_In(8) = 0
190 Mov PFrom, -50
200 Mvs PFrom
210 HClose 1
220 Dly 0.3
230 Mvs PFrom, -50
240 Mov PTo, -50
250 Mvs PTo
260 HOpen 1
270 Dly 0.3
280 Mvs PTo, -50
290 Return
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PPick1=(+300.00,-220.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPick2=(+300.00,-140.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPick3=(+300.00,-60.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPlace1=(+330.00,+170.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PPlace2=(+330.00,+220.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PPlace3=(+330.00,+270.00,+20.00,+180.00,+0.00,+180.00)(7,0)
