1 ' ==========================================================
2 ' ex08 reference: take four boxes off the belt as they come
3 ' Input 1 : a box waits at the stopper (photo-eye)
4 ' Output 10 : conveyor run
5 ' ==========================================================
10 ' -- 1. start: hand open, home, belt on --------------------
20 HOpen 1
30 Dly 0.2
40 Mov PHome
50 M_Out(10) = 1
60 ' -- 2. four boxes -----------------------------------------
70 For MCount = 1 To 4
80   ' 2-1. wait above the stopper until the photo-eye sees a box
90   Mov PPick, -100
100  Wait M_In(1) = 1
110  ' 2-2. pick it from above
120  Mvs PPick
130  HClose 1
140  Dly 0.3
150  Mvs PPick, -100
160  ' 2-3. drop it into the bin
170  Mov PBin
180  HOpen 1
190  Dly 0.3
200 Next MCount
210 ' -- 3. done: belt off, home -------------------------------
220 M_Out(10) = 0
230 Mov PHome
240 End
PHome=(+300.00,+0.00,+400.00,+180.00,+0.00,+180.00)(7,0)
PPick=(+450.00,+330.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PBin=(+150.00,+420.00,+140.00,+180.00,+0.00,+180.00)(7,0)
