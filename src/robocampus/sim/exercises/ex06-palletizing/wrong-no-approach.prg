10 ' a typical mistake: the block is lifted at the pick station, but then
20 ' carried to the place with one joint move, without a point above it
30 M_Out(20) = 0
40 HOpen 1
50 Dly 0.2
60 Mov PHome
70 Def Plt 1, PStart, PEndA, PEndB, , 3, 2, 1
80 For MCount = 1 To 6
90   Wait M_In(1) = 1
100  Mov PPick, -50
110  Mvs PPick
120  HClose 1
130  Dly 0.3
140  Mvs PPick, -50
150  PPlace = Plt 1, MCount
160  Mov PPlace
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
