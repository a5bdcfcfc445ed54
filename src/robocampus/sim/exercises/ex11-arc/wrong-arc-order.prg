10 ' a typical mistake: the three points of Mvr given in the wrong order
20 ' 1. Home, valve closed
30 M_Out(10) = 0
40 Mov PHome
50 ' 2. Above the start of the bead, then straight down to it
60 Mov PStart, -50
70 Mvs PStart
80 ' 3. Open the valve and let the bead start
90 M_Out(10) = 1
100 Dly 0.2
110 ' 4. The bead: an arc from PStart through PVia to PEnd at an even 50 mm/s
120 Spd 50
130 Mvr PStart, PEnd, PVia
140 ' 5. Close the valve at the end of the bead, leave straight up
150 M_Out(10) = 0
160 Dly 0.2
170 Spd M_NSpd
180 Mvs PEnd, -50
190 Mov PHome
200 End
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PStart=(+330.00,-60.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PVia=(+390.00,+0.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PEnd=(+330.00,+60.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PCenter=(+330.00,+0.00,+15.00,+180.00,+0.00,+180.00)(7,0)
