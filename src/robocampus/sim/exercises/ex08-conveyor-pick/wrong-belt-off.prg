10 ' a typical mistake: the belt is never switched on, so no box ever
20 ' reaches the photo-eye and the Wait can never end
30 HOpen 1
40 Dly 0.2
50 Mov PHome
60 For MCount = 1 To 4
70   Mov PPick, -100
80   Wait M_In(1) = 1
90   Mvs PPick
100  HClose 1
110  Dly 0.3
120  Mvs PPick, -100
130  Mov PBin
140  HOpen 1
150  Dly 0.3
160 Next MCount
170 Mov PHome
180 End
PHome=(+300.00,+0.00,+400.00,+180.00,+0.00,+180.00)(7,0)
PPick=(+450.00,+330.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PBin=(+150.00,+420.00,+140.00,+180.00,+0.00,+180.00)(7,0)
