"""The pure algorithms of meetings: plain data in, plain data out, no Django.

- `scheduling`: who meets whom in which slot at which table (and an exact optimum for checks);
- `seating`: round tables of 4–8 without conflicts of interest;
- `bench`: seeded synthetic matchmaking days for the scheduler benchmark.
"""
