package vroom

import (
	"fmt"
	"math"
)

// bound is a hard limit on when a step's service starts (a vehicle
// step's service_at, service_after and service_before): [lo, hi].
type bound struct{ lo, hi int64 }

var free = bound{math.MinInt64, math.MaxInt64}

func boundOf(st *VehicleStep) bound {
	b := free
	if st == nil {
		return b
	}
	if st.ServiceAfter != nil {
		b.lo = *st.ServiceAfter
	}
	if st.ServiceBefore != nil {
		b.hi = *st.ServiceBefore
	}
	if st.ServiceAt != nil {
		b.lo, b.hi = max(b.lo, *st.ServiceAt), min(b.hi, *st.ServiceAt)
	}
	return b
}

// timing is one step's schedule.
type timing struct {
	arrival, start, wait, setup, travel, dist int64
	lead, delay                               int64
	latest                                    int64 // latest start not worse than start: no new delay, within hard bounds
}

// timeline is a route's schedule for one departure time.
type timeline struct {
	start, end timing
	tasks      []timing
	waitTotal  int64
}

// simulate schedules jobs on vehicle v leaving at depart, with VROOM's
// rules: setup only on arriving from another place, service starts in a
// time window (waiting for the next one), or as close to one as the hard
// bounds allow (lead_time), or late (delay). bounds[0] is the start step,
// bounds[1..] the jobs, bounds[len(jobs)+1] the end. It fails when the
// hard bounds cannot be met.
func (c *compiled) simulate(v int, jobs []int, bounds []bound, depart int64) (*timeline, error) {
	vh := &c.in.Vehicles[v]
	k := &c.classes[c.vclass[v]]
	twStart, twEnd := int64(math.MinInt64), int64(math.MaxInt64)
	if vh.TimeWindow != nil {
		twStart, twEnd = vh.TimeWindow[0], vh.TimeWindow[1]
	}
	tl := &timeline{tasks: make([]timing, len(jobs))}
	tl.start = timing{arrival: depart, start: depart, latest: bounds[0].hi}
	if depart < twStart {
		tl.start.lead = twStart - depart
	}
	at := c.start[v]
	now, travel, dist := depart, int64(0), int64(0)
	move := func(to int) {
		if at >= 0 {
			now += k.dur[at*c.np+to]
			travel += k.dur[at*c.np+to]
			if k.dist != nil {
				dist += k.dist[at*c.np+to]
			}
		}
	}
	for s, j := range jobs {
		it := c.itemOf(v, j)
		p := at // a break is taken where the vehicle is
		if !isBreak(j) {
			p = c.jobPlace[j]
		}
		move(p)
		t := timing{arrival: now, travel: travel, dist: dist}
		if p != at {
			t.setup = it.setup
		}
		b := bounds[s+1]
		lo, hi := max(now, b.lo), b.hi
		if lo > hi {
			return nil, fmt.Errorf("%s %d cannot start service by %d: the vehicle arrives at %d", it.kind, it.id, hi, now)
		}
		t.start, t.latest = lo, hi
		if ws := it.windows; len(ws) > 0 {
			w := -1
			for x := range ws {
				if lo <= ws[x][1] {
					w = x
					break
				}
			}
			if w < 0 {
				last := ws[len(ws)-1][1]
				t.delay = lo - last
				t.latest = lo
			} else {
				t.start = max(lo, ws[w][0])
				if t.start > hi {
					t.start = hi
					t.lead = ws[w][0] - hi
				}
				t.latest = min(hi, ws[w][1])
			}
		}
		t.wait = t.start - t.arrival
		tl.waitTotal += t.wait
		now = t.start + t.setup + it.service
		at = p
		tl.tasks[s] = t
	}
	t := timing{arrival: now, start: now, latest: twEnd}
	if e := c.end[v]; e >= 0 {
		move(e)
		t = timing{arrival: now, travel: travel, dist: dist, latest: twEnd}
		b := bounds[len(jobs)+1]
		if now > b.hi {
			return nil, fmt.Errorf("the vehicle cannot end by %d: it arrives at %d", b.hi, now)
		}
		t.start = max(now, b.lo)
		t.wait = t.start - now
		tl.waitTotal += t.wait
		t.latest = min(t.latest, b.hi)
	} else {
		t.travel, t.dist = travel, dist
	}
	if t.start > twEnd {
		t.delay = t.start - twEnd
		t.latest = t.start
	}
	tl.end = t
	return tl, nil
}

// item is what simulate needs of one route item: a task or a break.
type item struct {
	kind           string
	id             uint64
	setup, service int64
	windows        [][2]int64
}

// itemOf returns route item x of vehicle v.
func (c *compiled) itemOf(v, x int) item {
	if isBreak(x) {
		b := &c.breaks[v][breakOf(x)]
		return item{kind: "break", id: b.id, service: b.service, windows: [][2]int64{{b.lo, b.hi}}}
	}
	tk := &c.tasks[x]
	return item{kind: tk.kind, id: tk.id, setup: tk.setup, service: tk.service, windows: c.windows[x]}
}

// schedule times jobs on vehicle v: it leaves as early as allowed (the
// start step's hard bound if any, else the vehicle's time window), then
// leaves later by as much waiting as that removes without making any step
// later than its window or bound, as VROOM's ETAs do.
func (c *compiled) schedule(v int, jobs []int, bounds []bound) (*timeline, error) {
	vh := &c.in.Vehicles[v]
	depart := int64(0)
	if vh.TimeWindow != nil {
		depart = vh.TimeWindow[0]
	}
	if b := bounds[0]; b.lo != free.lo {
		depart = b.lo
	}
	depart = min(depart, bounds[0].hi)
	tl, err := c.simulate(v, jobs, bounds, depart)
	if err != nil {
		return nil, err
	}
	// Shifting the departure by d moves step i by max(0, d - waits up to i).
	shift := min(tl.waitTotal, tl.start.latest-tl.start.start)
	var waited int64
	for _, t := range append(tl.tasks, tl.end) {
		waited += t.wait
		if t.latest != math.MaxInt64 {
			shift = min(shift, waited+t.latest-t.start)
		}
	}
	if shift <= 0 {
		return tl, nil
	}
	return c.simulate(v, jobs, bounds, depart+shift)
}
