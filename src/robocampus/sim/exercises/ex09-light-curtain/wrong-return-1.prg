10 ' three blocks into the tray; the handler waits for the curtain, then Return 1
20 ' 1. The interrupt: when the curtain is broken (M_In(8) = 1), brake
30 '    at once (S) and run *STOP
40 Def Act 1, M_In(8) = 1 GoSub *STOP, S
50 ' 2. Start: open the hand, go home, switch the interrupt on
60 HOpen 1
70 Mov PHome
80 Act 1 = 1
90 ' 3. Move the three blocks, one after another
100 PFrom = PPick1
110 PTo = PPlace1
120 GoSub *MOVEBLK
130 PFrom = PPick2
140 PTo = PPlace2
150 GoSub *MOVEBLK
160 PFrom = PPick3
170 PTo = PPlace3
180 GoSub *MOVEBLK
190 ' 4. Home, switch the interrupt off, done
200 Mov PHome
210 Act 1 = 0
220 End
230 '
240 ' Pick the block at PFrom and set it down at PTo
250 *MOVEBLK
260 Mov PFrom, -50
270 Mvs PFrom
280 HClose 1
290 Dly 0.3
300 Mvs PFrom, -50
310 Mov PTo, -50
320 Mvs PTo
330 HOpen 1
340 Dly 0.3
350 Mvs PTo, -50
360 Return
370 '
380 ' The curtain is broken: the arm has braked. Wait until the opening is
390 ' clear, then go on with the next step
400 *STOP
410 Wait M_In(8) = 0
420 Return 1
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PPick1=(+300.00,-220.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPick2=(+300.00,-140.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPick3=(+300.00,-60.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPlace1=(+330.00,+170.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PPlace2=(+330.00,+220.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PPlace3=(+330.00,+270.00,+20.00,+180.00,+0.00,+180.00)(7,0)
