10 ' a typical mistake: the If tests input 1 (a part at the stopper,
20 ' always 1 there) instead of the colour sensor on input 2
30 HOpen 1
40 Dly 0.2
50 Mov PHome
60 M_Out(10) = 1
70 For MCount = 1 To 4
80   Mov PPick, -100
90   Wait M_In(1) = 1
100  Mvs PPick
110  If M_In(1) = 1 Then
120    PDrop = PBlue
130  Else
140    PDrop = PRed
150  EndIf
160  HClose 1
170  Dly 0.3
180  Mvs PPick, -100
190  Mov PDrop
200  HOpen 1
210  Dly 0.3
220 Next MCount
230 M_Out(10) = 0
240 Mov PHome
250 End
PHome=(+300.00,+0.00,+400.00,+180.00,+0.00,+180.00)(7,0)
PPick=(+450.00,+330.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PRed=(+150.00,+420.00,+140.00,+180.00,+0.00,+180.00)(7,0)
PBlue=(-150.00,+420.00,+140.00,+180.00,+0.00,+180.00)(7,0)
