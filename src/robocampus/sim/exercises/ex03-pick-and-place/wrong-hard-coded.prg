10 ' a typical mistake: coordinates typed in instead of the taught PPick
20 HOpen 1
30 Mov PHome
40 Mov (300, -220, 65, 180, 0, 180)(7, 0)
50 Mvs (300, -220, 15, 180, 0, 180)(7, 0)
60 HClose 1
70 Dly 0.3
80 Mvs (300, -220, 65, 180, 0, 180)(7, 0)
90 Mov PPlace, -50
100 Mvs PPlace
110 HOpen 1
120 Dly 0.3
130 Mvs PPlace, -50
140 Mov PHome
150 End
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PPick=(+300.00,-220.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPlace=(+330.00,+220.00,+20.00,+180.00,+0.00,+180.00)(7,0)
