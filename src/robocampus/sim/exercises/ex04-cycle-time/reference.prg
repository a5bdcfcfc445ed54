10 ' ex04 reference: three blocks into the tray, fast but placed gently
20 ' Travel at full speed; inside the tray move straight at 100 mm/s.
30 Ovrd 100                ' full override for the whole cycle
40 Spd M_NSpd              ' optimum speed for straight moves
50 HOpen 1
60 Mov PHome
70 ' --- block 1 ---
80 PPick = PPick1
90 PPlace = PPlace1
100 GoSub *MOVEONE
110 ' --- block 2 ---
120 PPick = PPick2
130 PPlace = PPlace2
140 GoSub *MOVEONE
150 ' --- block 3 ---
160 PPick = PPick3
170 PPlace = PPlace3
180 GoSub *MOVEONE
190 Mov PHome
200 End
210 '
220 ' Move one block from PPick to PPlace.
230 *MOVEONE
240 Mov PPick, -50          ' above the block, fast
250 Mvs PPick              ' straight down
260 HClose 1
270 Dly 0.3                ' the fingers take 0.2 s
280 Mvs PPick, -50          ' straight up
290 Mov PPlace, -50         ' above the tray, fast
300 Spd 100                ' gentle from here: 100 mm/s in the tray
310 Mvs PPlace             ' slow straight descent
320 HOpen 1
330 Dly 0.3
340 Mvs PPlace, -50         ' slow straight retract
350 Spd M_NSpd             ' full speed again
360 Return
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PPick1=(+300.00,-220.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPick2=(+300.00,-140.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPick3=(+300.00,-60.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPlace1=(+330.00,+170.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PPlace2=(+330.00,+220.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PPlace3=(+330.00,+270.00,+20.00,+180.00,+0.00,+180.00)(7,0)
