1 ' ==========================================================
2 ' ex13 reference: move two covers onto the fixture in a
3 ' collaborative cell (RV-5AS, suction cup)
4 ' Output 5 : vacuum        Input 7 : operator near
5 ' ==========================================================
10 ' -- 1. the operator watch: hold still while someone is near
20 Def Act 1, M_In(7) = 1 GoSub *HOLD, S
30 M_Out(5) = 0
40 Mov PHome
50 Act 1 = 1
60 ' -- 2. two covers: tray to fixture ------------------------
70 PPick = PC1
80 PPlace = PF1
90 GoSub *MOVEONE
100 PPick = PC2
110 PPlace = PF2
120 GoSub *MOVEONE
130 Mov PHome
140 Act 1 = 0
150 End
160 ' -- one cover from PPick to PPlace ------------------------
170 *MOVEONE
180 Mov PPick, -60
190 Mvs PPick
200 M_Out(5) = 1
210 Dly 0.2
220 Mvs PPick, -60
230 Mov PPlace, -60
240 ' the fixture is shared with the operator: slow down there
250 Spd 200
260 Mvs PPlace
270 M_Out(5) = 0
280 Dly 0.2
290 Mvs PPlace, -60
300 Spd M_NSpd
310 Return
320 ' -- the operator is near: wait until the field is clear ---
330 *HOLD
340 Wait M_In(7) = 0
350 Return 0
PHome=(+350.00,+0.00,+350.00,+180.00,+0.00,+180.00)(7,0)
PC1=(+450.00,-250.00,+10.00,+180.00,+0.00,+180.00)(7,0)
PC2=(+450.00,-150.00,+10.00,+180.00,+0.00,+180.00)(7,0)
PF1=(+520.00,+250.00,+50.00,+180.00,+0.00,+180.00)(7,0)
PF2=(+580.00,+250.00,+50.00,+180.00,+0.00,+180.00)(7,0)
