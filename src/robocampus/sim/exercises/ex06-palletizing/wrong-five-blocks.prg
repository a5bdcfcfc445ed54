10 ' a typical mistake: the loop counts to 5, one place stays empty
20 M_Out(20) = 0
30 HOpen 1
40 Dly 0.2
50 Mov PHome
60 Def Plt 1, PStart, PEndA, PEndB, , 3, 2, 1
70 For MCount = 1 To 5
80   Wait M_In(1) = 1
90   Mov PPick, -50
100  Mvs PPick
110  HClose 1
120  Dly 0.3
130  Mvs PPick, -50
140  PPlace = Plt 1, MCount
150  Mov PPlace, -50
160  Mvs PPlace
170  HOpen 1
180  Dly 0.3
190  Mvs PPlace, -50
200 Next MCount
210 Mov PHome
220 M_Out(20) = 1
230 End
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PPick=(+300.00,-250.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PStart=(+200.00,+100.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PEndA=(+340.00,+100.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PEndB=(+200.00,+170.00,+20.00,+180.00,+0.00,+180.00)(7,0)
