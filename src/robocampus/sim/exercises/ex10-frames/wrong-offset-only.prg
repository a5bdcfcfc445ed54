10 ' a typical mistake: the drawing offsets added to the origin mark along
20 ' the robot's X and Y axes, as if the plate were not turned
30 HOpen 1
40 Mov PHome
50 PFrom = PO + (40, 40, 15, 0, 0, 0)
60 PTo = PO + (160, 40, 15, 0, 0, 0)
70 GoSub *MOVEBLK
80 PFrom = PO + (40, 100, 15, 0, 0, 0)
90 PTo = PO + (160, 100, 15, 0, 0, 0)
100 GoSub *MOVEBLK
110 Mov PHome
120 End
130 '
140 *MOVEBLK
150 Mov PFrom, -50
160 Mvs PFrom
170 HClose 1
180 Dly 0.3
190 Mvs PFrom, -50
200 Mov PTo, -50
210 Mvs PTo
220 HOpen 1
230 Dly 0.3
240 Mvs PTo, -50
250 Return
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PO=(+259.97,-99.98,+10.00,+180.00,+0.00,+180.00)(7,0)
PX=(+447.91,-31.58,+10.00,+180.00,+0.00,+180.00)(7,0)
PXY=(+212.09,+31.58,+10.00,+180.00,+0.00,+180.00)(7,0)
PB1=(+40.00,+40.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PB2=(+40.00,+100.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PT1=(+160.00,+40.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PT2=(+160.00,+100.00,+15.00,+180.00,+0.00,+180.00)(7,0)
