1 ' ==========================================================
2 ' ex12 reference: load a machine, run it with a handshake,
3 ' unload the finished piece
4 ' Output 30 : machine start
5 ' Input 31 : machine busy    Input 32 : machine done
6 ' ==========================================================
10 ' -- 1. start: start signal off, hand open, home -----------
20 M_Out(30) = 0
30 HOpen 1
40 Dly 0.2
50 Mov PHome
60 ' -- 2. pick the blank ------------------------------------
70 Mov PIn, -50
80 Mvs PIn
90 HClose 1
100 Dly 0.3
110 Mvs PIn, -50
120 ' -- 3. load it into the machine ---------------------------
130 Mov PMachine, -50
140 Mvs PMachine
150 HOpen 1
160 Dly 0.3
170 Mvs PMachine, -50
180 ' -- 4. leave the machine, then start it -------------------
190 Mov PWait
200 M_Out(30) = 1
210 Wait M_In(31) = 1
220 ' the machine works; the robot stays still at PWait
230 Wait M_In(32) = 1
250 ' -- 5. unload the finished piece into the tray -----------
260 Mov PMachine, -50
270 Mvs PMachine
280 HClose 1
290 Dly 0.3
300 Mvs PMachine, -50
310 Mov POut, -50
320 Mvs POut
330 HOpen 1
340 Dly 0.3
350 Mvs POut, -50
360 Mov PHome
370 End
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PWait=(+250.00,-100.00,+200.00,+180.00,+0.00,+180.00)(7,0)
PIn=(+300.00,-220.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PMachine=(+400.00,+30.00,+55.00,+180.00,+0.00,+180.00)(7,0)
POut=(+300.00,+230.00,+20.00,+180.00,+0.00,+180.00)(7,0)
