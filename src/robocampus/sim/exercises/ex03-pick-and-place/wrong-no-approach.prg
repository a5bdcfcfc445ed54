10 ' a typical mistake: straight to the points, no approach from above
20 HOpen 1
30 Mov PHome
40 Mov PPick
50 HClose 1
60 Dly 0.3
70 Mov PPlace
80 HOpen 1
90 Dly 0.3
100 Mov PHome
110 End
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PPick=(+300.00,-220.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PPlace=(+330.00,+220.00,+20.00,+180.00,+0.00,+180.00)(7,0)
