1 ' ==========================================================
2 ' ex07 reference: sort four parts by the colour sensor
3 ' Input 1 : a part waits at the stopper
4 ' Input 2 : the colour sensor sees a blue part
5 ' Output 10 : conveyor run
6 ' ==========================================================
10 ' -- 1. start: hand open, home, belt on --------------------
20 HOpen 1
30 Dly 0.2
40 Mov PHome
50 M_Out(10) = 1
60 ' -- 2. four parts -----------------------------------------
70 For MCount = 1 To 4
80   ' 2-1. wait above the stopper until a part is there
90   Mov PPick, -100
100  Wait M_In(1) = 1
110  ' 2-2. read the colour while the part sits under the sensor
120  MBlue = M_In(2)
130  ' 2-3. pick it from above
140  Mvs PPick
150  HClose 1
160  Dly 0.3
170  Mvs PPick, -100
180  ' 2-4. to the bin of its colour
190  If MBlue = 1 Then
200    PDrop = PBlue
210  Else
220    PDrop = PRed
230  EndIf
240  Mov PDrop
250  HOpen 1
260  Dly 0.3
270 Next MCount
280 ' -- 3. done: belt off, home -------------------------------
290 M_Out(10) = 0
300 Mov PHome
310 End
PHome=(+300.00,+0.00,+400.00,+180.00,+0.00,+180.00)(7,0)
PPick=(+450.00,+330.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PRed=(+150.00,+420.00,+140.00,+180.00,+0.00,+180.00)(7,0)
PBlue=(-150.00,+420.00,+140.00,+180.00,+0.00,+180.00)(7,0)
