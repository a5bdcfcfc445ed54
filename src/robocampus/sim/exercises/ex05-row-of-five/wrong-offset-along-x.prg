10 ' a typical mistake: the 60 mm step is added to X instead of Y
20 HOpen 1
30 Mov PHome
40 For M1 = 0 To 4
50   PGet = PPick
60   PGet.X = PPick.X + 60 * M1
70   PPut = PPlace
80   PPut.X = PPlace.X + 60 * M1
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
