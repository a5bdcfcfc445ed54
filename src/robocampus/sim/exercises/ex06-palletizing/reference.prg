1 ' ==========================================================
2 ' ex06 reference: stack six blocks into a 3 x 2 pallet
3 ' Input 1 : a block waits at the pick station
4 ' Output 20 : pallet full (lamp)
5 ' ==========================================================
10 ' -- 1. settings --------------------------------------------
20 M_Out(20) = 0
30 Ovrd 100
40 HOpen 1
50 Dly 0.2
60 Mov PHome
70 ' -- 2. the pallet: 3 places along A, 2 rows along B, zigzag
80 Def Plt 1, PStart, PEndA, PEndB, , 3, 2, 1
90 ' -- 3. one block per place --------------------------------
100 For MCount = 1 To 6
110   ' 3-1. wait for a block, pick it from above
120   Wait M_In(1) = 1
130   Mov PPick, -50
140   Mvs PPick
150   HClose 1
160   Dly 0.3
170   Mvs PPick, -50
180   ' 3-2. the next place of the pallet
190   PPlace = Plt 1, MCount
200   Mov PPlace, -50
210   Mvs PPlace
220   HOpen 1
230   Dly 0.3
240   Mvs PPlace, -50
250 Next MCount
260 ' -- 4. done: park and light the pallet-full lamp ---------
270 Mov PHome
280 M_Out(20) = 1
290 End
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
PPick=(+300.00,-250.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PStart=(+200.00,+100.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PEndA=(+340.00,+100.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PEndB=(+200.00,+170.00,+20.00,+180.00,+0.00,+180.00)(7,0)
