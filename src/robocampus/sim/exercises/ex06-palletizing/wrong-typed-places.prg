10 ' a typical mistake: six place positions typed in, no Def Plt
20 M_Out(20) = 0
30 HOpen 1
40 Dly 0.2
50 Mov PHome
60 For MCount = 1 To 6
70   Wait M_In(1) = 1
80   Mov PPick, -50
90   Mvs PPick
100  HClose 1
110  Dly 0.3
120  Mvs PPick, -50
130  If MCount = 1 Then PPlace = (200, 100, 20, 180, 0, 180)(7, 0)
140  If MCount = 2 Then PPlace = (270, 100, 20, 180, 0, 180)(7, 0)
150  If MCount = 3 Then PPlace = (340, 100, 20, 180, 0, 180)(7, 0)
160  If MCount = 4 Then PPlace = (200, 170, 20, 180, 0, 180)(7, 0)
170  If MCount = 5 Then PPlace = (270, 170, 20, 180, 0, 180)(7, 0)
180  If MCount = 6 Then PPlace = (340, 170, 20, 180, 0, 180)(7, 0)
190  Mov PPlace, -50
200  Mvs PPlace
210  HOpen 1
220  Dly 0.3
230  Mvs PPlace, -50
240 Next MCount
250 Mov PHome
260 M_Out(20) = 1
270 End
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PPick=(+300.00,-250.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PStart=(+200.00,+100.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PEndA=(+340.00,+100.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PEndB=(+200.00,+170.00,+20.00,+180.00,+0.00,+180.00)(7,0)
