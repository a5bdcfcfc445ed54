10 ' a typical mistake: the Wait stands before the loop, so only the first
20 ' box is waited for; later the hand closes on an empty stopper
30 HOpen 1
40 Dly 0.2
50 Mov PHome
60 M_Out(10) = 1
70 Mov PPick, -100
80 Wait M_In(1) = 1
90 For MCount = 1 To 4
100  Mov PPick, -100
110  Mvs PPick
120  HClose 1
130  Dly 0.3
140  Mvs PPick, -100
150  Mov PBin
160  HOpen 1
170  Dly 0.3
180 Next MCount
190 M_Out(10) = 0
200 Mov PHome
210 End
PHome=(+300.00,+0.00,+400.00,+180.00,+0.00,+180.00)(7,0)
PPick=(+450.00,+330.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PBin=(+150.00,+420.00,+140.00,+180.00,+0.00,+180.00)(7,0)
