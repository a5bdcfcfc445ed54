10 ' a typical mistake: no loop, the same steps written out five times
20 HOpen 1
30 Mov PHome
40 ' block 1
50 PGet = PPick
60 PGet.Y = PPick.Y + 0
70 PPut = PPlace
80 PPut.Y = PPlace.Y + 0
90 Mov PGet, -50
100 Mvs PGet
110 HClose 1
120 Dly 0.3
130 Mvs PGet, -50
140 Mov PPut, -50
150 Mvs PPut
160 HOpen 1
170 Dly 0.3
180 Mvs PPut, -50
190 ' block 2
200 PGet = PPick
210 PGet.Y = PPick.Y + 60
220 PPut = PPlace
230 PPut.Y = PPlace.Y + 60
240 Mov PGet, -50
250 Mvs PGet
260 HClose 1
270 Dly 0.3
280 Mvs PGet, -50
290 Mov PPut, -50
300 Mvs PPut
310 HOpen 1
320 Dly 0.3
330 Mvs PPut, -50
340 ' block 3
350 PGet = PPick
360 PGet.Y = PPick.Y + 120
370 PPut = PPlace
380 PPut.Y = PPlace.Y + 120
390 Mov PGet, -50
400 Mvs PGet
410 HClose 1
420 Dly 0.3
430 Mvs PGet, -50
440 Mov PPut, -50
450 Mvs PPut
460 HOpen 1
470 Dly 0.3
480 Mvs PPut, -50
490 ' block 4
500 PGet = PPick
510 PGet.Y = PPick.Y + 180
520 PPut = PPlace
530 PPut.Y = PPlace.Y + 180
540 Mov PGet, -50
550 Mvs PGet
560 HClose 1
570 Dly 0.3
580 Mvs PGet, -50
590 Mov PPut, -50
600 Mvs PPut
610 HOpen 1
620 Dly 0.3
630 Mvs PPut, -50
640 ' block 5
650 PGet = PPick
660 PGet.Y = PPick.Y + 240
670 PPut = PPlace
680 PPut.Y = PPlace.Y + 240
690 Mov PGet, -50
700 Mvs PGet
710 HClose 1
720 Dly 0.3
730 Mvs PGet, -50
740 Mov PPut, -50
750 Mvs PPut
760 HOpen 1
770 Dly 0.3
780 Mvs PPut, -50
790 Mov PHome
800 End
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PPick=(+260.00,-120.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPlace=(+380.00,-120.00,+25.00,+180.00,+0.00,+180.00)(7,0)
