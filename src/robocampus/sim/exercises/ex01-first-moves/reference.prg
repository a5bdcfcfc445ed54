10 ' ex01 reference: first moves with Mov
20 ' Visit the three taught points above the blocks, in order, then go home.
30 Mov PHome          ' 1. start from home
40 Mov P1             ' 2. above block B1
50 Mov P2             ' 3. above block B2
60 Mov P3             ' 4. above block B3
70 Mov PHome          ' 5. back home
80 End
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
P1=(+300.00,-220.00,+80.00,+180.00,+0.00,+180.00)(7,0)
P2=(+300.00,-140.00,+80.00,+180.00,+0.00,+180.00)(7,0)
P3=(+300.00,-60.00,+80.00,+180.00,+0.00,+180.00)(7,0)
