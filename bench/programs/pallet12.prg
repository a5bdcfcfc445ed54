1 ' ===========================================================
2 ' PALLET12: stack 12 blocks into a 4 x 3 pallet (palletizing cell)
3 ' Blocks arrive one at a time at the pick station (input 1).
4 ' Each transfer is an arc over the pallet edge (Mvr through PApex).
5 ' Outputs: 20 = pallet full
6 ' ===========================================================
7 '
8 ' -- settings ------------------------------------------------
10 Servo On
11 Base 0
12 Tool (0, 0, 120, 0, 0, 0)
13 Ovrd 100
14 Spd M_NSpd
15 Accel 100, 100
16 Cnt 0
17 M_Out(20) = 0
18 '
19 ' -- the pallet: 4 places along X, 3 rows along Y, zigzag ----
20 Def Plt 1, PStart, PEndA, PEndB, , 4, 3, 1
21 Const Def Inte MPlaces = 12
22 Def Inte MCount
23 MCount = 0
24 '
25 ' -- start: above the pick station, hand open ----------------
26 HOpen 1
27 Dly 0.2
28 Mov PPick, -40
29 Mvs PPick
30 '
31 ' -- main loop ------------------------------------------------
32 *LOOP
33 GoSub *TAKE
34 MCount = MCount + 1
35 PPlace = Plt 1, MCount
36 GoSub *PUT
37 If MCount < MPlaces Then *LOOP
38 '
39 ' -- done: signal the pallet is full and park ------------------
40 Mvs PPick, -40
41 M_Out(20) = 1
42 End
43 '
44 ' -- TAKE: close on the block waiting at the pick station ------
45 *TAKE
46 Wait M_In(1) = 1
47 HClose 1
48 Dly 0.25
49 Return
50 '
51 ' -- PUT: arc to the place, release, lift, arc back -------------
52 *PUT
53 PApex = PPlace
54 PApex.X = (PPick.X + PPlace.X) / 2
55 PApex.Y = (PPick.Y + PPlace.Y) / 2
56 PApex.Z = PPlace.Z + 150
57 Mvr PPick, PApex, PPlace
58 HOpen 1
59 Dly 0.25
60 Mvs , -40
61 PLift = P_Curr
62 PBack = PApex
63 PBack.Z = PBack.Z + 20
64 Mvr PLift, PBack, PPick
65 Return
66 '
67 ' -- taught positions ------------------------------------------
PPick=(+300.00,-250.00,+15.00,+180.00,+0.00,+180.00)(7,0)
PStart=(+200.00,+100.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PEndA=(+410.00,+100.00,+20.00,+180.00,+0.00,+180.00)(7,0)
PEndB=(+200.00,+240.00,+20.00,+180.00,+0.00,+180.00)(7,0)
