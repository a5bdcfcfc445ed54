10 ' a typical mistake: the colours are taken from the order seen in the
20 ' visible run (blue, red, red, blue), not from the sensor
30 HOpen 1
40 Dly 0.2
50 Mov PHome
60 M_Out(10) = 1
70 For MCount = 1 To 4
80   Mov PPick, -100
90   Wait M_In(1) = 1
100  Mvs PPick
110  HClose 1
120  Dly 0.3
130  Mvs PPick, -100
140  If MCount = 1 Or MCount = 4 Then
150    Mov PBlue
160  Else
170    Mov PRed
180  EndIf
190  HOpen 1
200  Dly 0.3
210 Next MCount
220 M_Out(10) = 0
230 Mov PHome
240 End
PHome=(+300.00,+0.00,+400.00,+180.00,+0.00,+180.00)(7,0)
PPick=(+450.00,+330.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PRed=(+150.00,+420.00,+140.00,+180.00,+0.00,+180.00)(7,0)
PBlue=(-150.00,+420.00,+140.00,+180.00,+0.00,+180.00)(7,0)
