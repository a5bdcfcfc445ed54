10 ' a typical mistake: the hand opens above the tray, the block falls
20 HOpen 1
30 Mov PHome
40 Mov PPick, -50
50 Mvs PPick
60 HClose 1
70 Dly 0.3
80 Mvs PPick, -50
90 Mov PPlace, -50
100 HOpen 1
110 Dly 0.3
120 Mov PHome
130 End
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PPick=(+300.00,-220.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPlace=(+330.00,+220.00,+20.00,+180.00,+0.00,+180.00)(7,0)
