10 ' three blocks into the tray; the interrupt handler brakes but does not wait
20 Def Act 1, M_In(8) = 1 GoSub *STOP, S
30 HOpen 1
40 Mov PHome
50 Act 1 = 1
60 PFrom = PPick1
70 PTo = PPlace1
80 GoSub *MOVEBLK
90 PFrom = PPick2
100 PTo = PPlace2
110 GoSub *MOVEBLK
120 PFrom = PPick3
130 PTo = PPlace3
140 GoSub *MOVEBLK
150 Mov PHome
160 End
170 '
180 *MOVEBLK
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
300 '
310 ' the curtain is broken: switch the interrupt off and go on
320 *STOP
330 Act 1 = 0
340 Return 0
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PPick1=(+300.00,-220.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPick2=(+300.00,-140.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPick3=(+300.00,-60.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPlace1=(+330.00,+170.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PPlace2=(+330.00,+220.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PPlace3=(+330.00,+270.00,+20.00,+180.00,+0.00,+180.00)(7,0)
