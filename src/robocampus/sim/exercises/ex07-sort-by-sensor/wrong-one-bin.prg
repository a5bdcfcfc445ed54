10 ' a typical mistake: the colour is never read; every part goes
20 ' into the red bin
30 HOpen 1
40 Dly 0.2
50 Mov PHome
60 M_Out(10) = 1
70 For MCount = 1 To 4
80   Mov PPick, -100
90   Wait M_In(1) = 1
100  Mvs PPick
110  HClose 1
120  Dly 0.3
130  Mvs PPick, -100
140  Mov PRed
150  HOpen 1
160  Dly 0.3
170 Next MCount
180 M_Out(10) = 0
190 Mov PHome
200 End
PHome=(+300.00,+0.00,+400.00,+180.00,+0.00,+180.00)(7,0)
PPick=(+450.00,+330.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PRed=(+150.00,+420.00,+140.00,+180.00,+0.00,+180.00)(7,0)
PBlue=(-150.00,+420.00,+140.00,+180.00,+0.00,+180.00)(7,0)
