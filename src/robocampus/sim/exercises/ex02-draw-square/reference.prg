10 ' ex02 reference: draw a 120 mm square with straight lines (Mvs)
20 ' The pen is the TCP; P1..P4 are the corners, 4 mm above the board.
30 Mov PHome           ' 1. start from home
40 Mov P1, -30         ' 2. pen up: 30 mm above the first corner
50 Mvs P1              ' 3. pen down, straight
60 Mvs P2              ' 4. first side
70 Mvs P3              ' 5. second side
80 Mvs P4              ' 6. third side
90 Mvs P1              ' 7. fourth side closes the square
100 Mvs P1, -30        ' 8. pen up, straight
110 Mov PHome          ' 9. back home
120 End
PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)
P1=(+280.00,-60.00,+8.00,+180.00,+0.00,+180.00)(7,0)
P2=(+400.00,-60.00,+8.00,+180.00,+0.00,+180.00)(7,0)
P3=(+400.00,+60.00,+8.00,+180.00,+0.00,+180.00)(7,0)
P4=(+280.00,+60.00,+8.00,+180.00,+0.00,+180.00)(7,0)
