10 ' a typical mistake: the loop counts 1 To 5, so it starts at the second block
20 HOpen 1
30 Mov PHome
40 For M1 = 1 To 5
50   PGet = PPick
60   PGet.Y = PPick.Y + 60 * M1
70   PPut = PPlace
80   PPut.Y = PPlace.Y + 60 * M1
90   Mov PGet, -50
100  Mvs PGet
110  HClose 1
120  Dly 0.3
130  Mvs PGet, -50
140  Mov PPut, -50
150  Mvs PPut
160  HOpen 1
170  Dly 0.3
180  Mvs PPut, -50
190 Next M1
200 Mov PHome
210 End
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PPick=(+260.00,-120.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPlace=(+380.00,-120.00,+25.00,+180.00,+0.00,+180.00)(7,0)
