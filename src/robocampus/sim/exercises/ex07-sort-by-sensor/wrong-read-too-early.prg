10 ' a typical mistake: the colour sensor is read at the top of the loop,
20 ' before the part has reached it, so it always reads 0
30 HOpen 1
40 Dly 0.2
50 Mov PHome
60 M_Out(10) = 1
70 For MCount = 1 To 4
80   MBlue = M_In(2)
90   Mov PPick, -100
100  Wait M_In(1) = 1
110  Mvs PPick
120  HClose 1
130  Dly 0.3
140  Mvs PPick, -100
150  If MBlue = 1 Then
160    PDrop = PBlue
170  Else
180    PDrop = PRed
190  EndIf
200  Mov PDrop
210  HOpen 1
220  Dly 0.3
230 Next MCount
240 M_Out(10) = 0
250 Mov PHome
260 End
PHome=(+300.00,+0.00,+400.00,+180.00,+0.00,+180.00)(7,0)
PPick=(+450.00,+330.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PRed=(+150.00,+420.00,+140.00,+180.00,+0.00,+180.00)(7,0)
PBlue=(-150.00,+420.00,+140.00,+180.00,+0.00,+180.00)(7,0)
