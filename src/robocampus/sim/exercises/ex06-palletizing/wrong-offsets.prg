10 ' a typical mistake: places worked out as PStart plus fixed X and Y
20 ' offsets instead of Def Plt; right only while the tray is square
30 M_Out(20) = 0
40 HOpen 1
50 Dly 0.2
60 Mov PHome
70 For MRow = 0 To 1
80   For MCol = 0 To 2
90     Wait M_In(1) = 1
100    Mov PPick, -50
110    Mvs PPick
120    HClose 1
130    Dly 0.3
140    Mvs PPick, -50
150    PPlace = PStart
160    PPlace.X = PStart.X + MCol * 70
170    PPlace.Y = PStart.Y + MRow * 70
180    Mov PPlace, -50
190    Mvs PPlace
200    HOpen 1
210    Dly 0.3
220    Mvs PPlace, -50
230  Next MCol
240 Next MRow
250 Mov PHome
260 M_Out(20) = 1
270 End
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PPick=(+300.00,-250.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PStart=(+200.00,+100.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PEndA=(+340.00,+100.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PEndB=(+200.00,+170.00,+20.00,+180.00,+0.00,+180.00)(7,0)
