10 ' ex05 reference: five blocks, one loop, position arithmetic
20 ' Block k (k = 0..4) is 60*k mm along +Y from the first one, in both rows.
30 HOpen 1
40 Mov PHome
50 For M1 = 0 To 4                   ' M1 = 0, 1, 2, 3, 4
60   PGet = PPick                    ' copy the first pick point ...
70   PGet.Y = PPick.Y + 60 * M1      ' ... and shift it along the row
80   PPut = PPlace                   ' the same for the place point
90   PPut.Y = PPlace.Y + 60 * M1
100  Mov PGet, -50                   ' above the block
110  Mvs PGet                        ' straight down
120  HClose 1
130  Dly 0.3
140  Mvs PGet, -50                   ' straight up
150  Mov PPut, -50                   ' above its place
160  Mvs PPut                        ' straight down onto the plate
170  HOpen 1
180  Dly 0.3
190  Mvs PPut, -50                   ' straight up
200 Next M1
210 Mov PHome
220 End
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PPick=(+260.00,-120.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPlace=(+380.00,-120.00,+25.00,+180.00,+0.00,+180.00)(7,0)
