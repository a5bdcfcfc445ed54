10 ' a typical mistake: a fixed Dly instead of waiting for the photo-eye;
20 ' a box every 9 s, so 7.5 s plus the move fits the visible run only
30 HOpen 1
40 Dly 0.2
50 Mov PHome
60 M_Out(10) = 1
70 For MCount = 1 To 4
80   Mov PPick, -100
90   Dly 7.5
100  Mvs PPick
110  HClose 1
120  Dly 0.3
130  Mvs PPick, -100
140  Mov PBin
150  HOpen 1
160  Dly 0.3
170 Next MCount
180 M_Out(10) = 0
190 Mov PHome
200 End
PHome=(+300.00,+0.00,+400.00,+180.00,+0.00,+180.00)(7,0)
PPick=(+450.00,+330.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PBin=(+150.00,+420.00,+140.00,+180.00,+0.00,+180.00)(7,0)
