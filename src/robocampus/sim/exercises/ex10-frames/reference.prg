10 ' ex10 reference: work on a turned jig plate in its own coordinates
20 ' 1. Start in robot coordinates
30 HOpen 1
40 Mov PHome
50 ' 2. The plate's frame from the three taught marks:
60 '    origin PO, a point PX on its X axis, a point PXY in its XY plane
70 PPlate = Fram(PO, PX, PXY)
80 ' 3. Base Inv(PPlate): from here on, positions are plate coordinates
90 Base Inv(PPlate)
100 ' 4. B1 from (40, 40) to (160, 40) on the plate
110 PFrom = PB1
120 PTo = PT1
130 GoSub *MOVEBLK
140 ' 5. B2 from (40, 100) to (160, 100) on the plate
150 PFrom = PB2
160 PTo = PT2
170 GoSub *MOVEBLK
180 ' 6. Back to robot coordinates and home
190 Base 0
200 Mov PHome
210 End
220 '
230 ' Pick at PFrom, set down at PTo (plate coordinates: tool Z points down
240 ' into the plate, so -50 is 50 mm above)
250 *MOVEBLK
260 Mov PFrom, -50
270 Mvs PFrom
280 HClose 1
290 Dly 0.3
300 Mvs PFrom, -50
310 Mov PTo, -50
320 Mvs PTo
330 HOpen 1
340 Dly 0.3
350 Mvs PTo, -50
360 Return
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PO=(+259.97,-99.98,+10.00,+180.00,+0.00,+180.00)(7,0)
PX=(+447.91,-31.58,+10.00,+180.00,+0.00,+180.00)(7,0)
PXY=(+212.09,+31.58,+10.00,+180.00,+0.00,+180.00)(7,0)
PB1=(+40.00,+40.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PB2=(+40.00,+100.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PT1=(+160.00,+40.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PT2=(+160.00,+100.00,+15.00,+180.00,+0.00,+180.00)(7,0)
