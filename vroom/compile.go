package vroom

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"fulfil/geo"
	"fulfil/solver/vrp"
)

// Options tune Solve. The zero value of each field says what it does.
type Options struct {
	// Search tunes the vrp search (time limit, iterations, seed, threads).
	Search vrp.Options `json:"search"`
	// SpeedKmh is the driving speed on great-circle distances when a
	// profile has no custom matrices; 0: 50 km/h.
	SpeedKmh float64 `json:"speed_kmh"`
	// RoadFactor multiplies great-circle distances to approximate road
	// distances; 0: 1.3.
	RoadFactor float64 `json:"road_factor"`
}

// Default travel model for coordinates without matrices.
const (
	DefaultSpeedKmh   = 50
	DefaultRoadFactor = 1.3
)

// place is a row of the compiled matrices: a coordinate and/or a matrix
// index. Place 0 is "nowhere", zero to and from everything: the start of a
// vehicle without start.
type place struct {
	loc []float64
	idx *int
}

// class is a set of vehicles that travel and cost alike: one vrp profile.
type class struct {
	profile string
	speed   float64 // speed_factor
	perHour int64
	perKm   int64
	// byDist: the vrp profile's distance is the real distance priced per
	// metre and per second of route duration (a vehicle with max_distance);
	// otherwise it is VROOM's travel cost, priced 1 per unit.
	byDist bool
	dur    []int64   // [p*np+q] seconds
	dist   []int64   // [p*np+q] metres; nil when unknown
	cost   []float64 // [p*np+q] VROOM travel cost
}

// task is one place a vehicle serves: a job, or one end of a shipment.
// Tasks are numbered jobs first (task j is in.Jobs[j]), then each
// shipment's pickup and delivery (tasks len(jobs)+2s and len(jobs)+2s+1).
type task struct {
	kind           string // "job", "pickup" or "delivery": the step type
	id             uint64
	description    string
	loc            []float64
	idx            *int
	setup, service int64
	skills         []uint32
	priority       int
	ship           int // shipment index; -1 for a job
}

// compiled is a validated VROOM input in dense form: places, cost
// classes, tasks and each task's and vehicle's places.
type compiled struct {
	in       *Input
	dims     int
	places   []place
	np       int
	tasks    []task
	jobPlace []int // per task
	start    []int // per vehicle: place, or -1
	end      []int
	classes  []class
	vclass   []int
	hasDist  bool // every class knows distances: output carries them
	// delivery and pickup per task, dims long, as VROOM sums them: a
	// job's amounts, a shipment's amount as the pickup of its pickup task
	// and the delivery of its delivery task. The load on leaving the
	// start is the jobs' delivery; each task adds pickup - delivery.
	delivery [][]int64
	pickup   [][]int64
	capacity [][]int64    // per vehicle
	windows  [][][2]int64 // per task, sorted and merged
	// breaks per vehicle, sorted by window start (the order the vrp model
	// takes them in). A route holds task indices t >= 0 and breaks as
	// -1-b, b indexing breaks[v].
	breaks [][]brk
}

// brk is one vehicle break with its one window (validate refuses more).
type brk struct {
	id          uint64
	description string
	lo, hi      int64 // window on the break's start
	service     int64
}

// isBreak tells a break from a task on a route; breakOf gives its index.
func isBreak(x int) bool  { return x < 0 }
func breakOf(x int) int   { return -1 - x }
func breakItem(b int) int { return -1 - b }

// breaksOf returns vehicle vh's breaks sorted by window start.
func breaksOf(vh *Vehicle) []brk {
	out := make([]brk, 0, len(vh.Breaks))
	for _, b := range vh.Breaks {
		k := brk{id: b.ID, description: b.Description, lo: 0, hi: maxTime, service: b.Service}
		if len(b.TimeWindows) == 1 {
			k.lo, k.hi = b.TimeWindows[0][0], b.TimeWindows[0][1]
		}
		out = append(out, k)
	}
	slices.SortStableFunc(out, func(a, b brk) int { return cmp.Compare(a.lo, b.lo) })
	return out
}

// tasksOf lists in's jobs, then each shipment's pickup and delivery.
func tasksOf(in *Input) []task {
	out := make([]task, 0, len(in.Jobs)+2*len(in.Shipments))
	for _, jb := range in.Jobs {
		out = append(out, task{kind: "job", id: jb.ID, description: jb.Description, loc: jb.Location, idx: jb.LocationIndex,
			setup: jb.Setup, service: jb.Service, skills: jb.Skills, priority: jb.Priority, ship: -1})
	}
	for s, sh := range in.Shipments {
		for _, e := range []struct {
			kind string
			st   *ShipmentStep
		}{{"pickup", &sh.Pickup}, {"delivery", &sh.Delivery}} {
			out = append(out, task{kind: e.kind, id: e.st.ID, description: e.st.Description, loc: e.st.Location, idx: e.st.LocationIndex,
				setup: e.st.Setup, service: e.st.Service, skills: sh.Skills, priority: sh.Priority, ship: s})
		}
	}
	return out
}

// windowsOf returns task t's time windows as given.
func (c *compiled) windowsOf(t int) [][]int64 {
	tk := &c.tasks[t]
	if tk.ship < 0 {
		return c.in.Jobs[t].TimeWindows
	}
	sh := &c.in.Shipments[tk.ship]
	if tk.kind == "pickup" {
		return sh.Pickup.TimeWindows
	}
	return sh.Delivery.TimeWindows
}

// mate returns the other end of shipment task t, or -1 for a job.
func (c *compiled) mate(t int) int {
	if isBreak(t) {
		return -1
	}
	tk := &c.tasks[t]
	switch {
	case tk.ship < 0:
		return -1
	case tk.kind == "pickup":
		return t + 1
	default:
		return t - 1
	}
}

// compile builds the dense form of a validated input.
func compile(in *Input, opt Options) *compiled {
	c := &compiled{in: in, places: []place{{}}, tasks: tasksOf(in)}
	speed, road := opt.SpeedKmh, opt.RoadFactor
	if speed == 0 {
		speed = DefaultSpeedKmh
	}
	if road == 0 {
		road = DefaultRoadFactor
	}
	mats := matricesOf(in)

	// Places, shared by equal (coordinates, index) pairs.
	key := map[string]int{}
	placeOf := func(loc []float64, idx *int) int {
		k := fmt.Sprint(loc, "|")
		if idx != nil {
			k += strconv.Itoa(*idx)
		}
		if p, ok := key[k]; ok {
			return p
		}
		key[k] = len(c.places)
		c.places = append(c.places, place{loc, idx})
		return len(c.places) - 1
	}
	for _, tk := range c.tasks {
		c.jobPlace = append(c.jobPlace, placeOf(tk.loc, tk.idx))
	}
	for _, vh := range in.Vehicles {
		s, e := -1, -1
		if vh.Start != nil || vh.StartIndex != nil {
			s = placeOf(vh.Start, vh.StartIndex)
		}
		if vh.End != nil || vh.EndIndex != nil {
			e = placeOf(vh.End, vh.EndIndex)
		}
		c.start, c.end = append(c.start, s), append(c.end, e)
	}
	c.np = len(c.places)

	// Amounts.
	for _, jb := range in.Jobs {
		c.dims = max(c.dims, len(jb.Delivery), len(jb.Amount), len(jb.Pickup))
	}
	for _, sh := range in.Shipments {
		c.dims = max(c.dims, len(sh.Amount))
	}
	for _, vh := range in.Vehicles {
		c.dims = max(c.dims, len(vh.Capacity))
	}
	pad := func(a []int64) []int64 {
		out := make([]int64, c.dims)
		copy(out, a)
		return out
	}
	for _, jb := range in.Jobs {
		d := jb.Delivery
		if d == nil {
			d = jb.Amount
		}
		c.delivery = append(c.delivery, pad(d))
		c.pickup = append(c.pickup, pad(jb.Pickup))
	}
	for _, sh := range in.Shipments {
		c.delivery = append(c.delivery, pad(nil), pad(sh.Amount))
		c.pickup = append(c.pickup, pad(sh.Amount), pad(nil))
	}
	for t := range c.tasks {
		c.windows = append(c.windows, mergeWindows(c.windowsOf(t)))
	}
	for v := range in.Vehicles {
		c.capacity = append(c.capacity, pad(in.Vehicles[v].Capacity))
		c.breaks = append(c.breaks, breaksOf(&in.Vehicles[v]))
	}

	// Base travel per profile, then one class per distinct way to travel
	// and pay.
	type base struct{ dur, dist []int64 }
	bases := map[string]base{}
	c.hasDist = true
	for _, vh := range in.Vehicles {
		p := profileOf(vh)
		b, ok := bases[p]
		if !ok {
			b = c.baseTravel(mats, p, speed, road)
			bases[p] = b
		}
		c.hasDist = c.hasDist && b.dist != nil
		k := class{profile: p, speed: vh.SpeedFactor, perHour: 3600, byDist: vh.MaxDistance != nil}
		if k.speed == 0 {
			k.speed = 1
		}
		if vh.Costs != nil {
			if vh.Costs.PerHour != nil {
				k.perHour = *vh.Costs.PerHour
			}
			k.perKm = vh.Costs.PerKm
		}
		ci := slices.IndexFunc(c.classes, func(x class) bool {
			return x.profile == k.profile && x.speed == k.speed && x.perHour == k.perHour && x.perKm == k.perKm && x.byDist == k.byDist
		})
		if ci < 0 {
			ci = len(c.classes)
			k.dur, k.dist = b.dur, b.dist
			if k.speed != 1 {
				k.dur = make([]int64, len(b.dur))
				for a, d := range b.dur {
					k.dur[a] = int64(math.Round(float64(d) / k.speed))
				}
			}
			k.cost = make([]float64, len(k.dur))
			if m := mats[p]; len(m.Costs) > 0 {
				c.fill(func(p, q int) {
					k.cost[p*c.np+q] = float64(m.Costs[*c.places[p].idx][*c.places[q].idx])
				})
			} else {
				for a := range k.cost {
					x := float64(k.perHour) * float64(k.dur[a]) / 3600
					if k.perKm > 0 {
						x += float64(k.perKm) * float64(k.dist[a]) / 1000
					}
					k.cost[a] = x
				}
			}
			c.classes = append(c.classes, k)
		}
		c.vclass = append(c.vclass, ci)
	}
	return c
}

// fill calls f for every pair of real places (not "nowhere").
func (c *compiled) fill(f func(p, q int)) {
	for p := 1; p < c.np; p++ {
		for q := 1; q < c.np; q++ {
			f(p, q)
		}
	}
}

// baseTravel returns profile p's durations and distances between places:
// from its custom matrices, or great-circle distance × road at speed.
func (c *compiled) baseTravel(mats map[string]Matrices, p string, speed, road float64) (b struct{ dur, dist []int64 }) {
	n := c.np
	b.dur = make([]int64, n*n)
	if m, ok := mats[p]; ok {
		c.fill(func(x, y int) { b.dur[x*n+y] = m.Durations[*c.places[x].idx][*c.places[y].idx] })
		if len(m.Distances) > 0 {
			b.dist = make([]int64, n*n)
			c.fill(func(x, y int) { b.dist[x*n+y] = m.Distances[*c.places[x].idx][*c.places[y].idx] })
		}
		return b
	}
	b.dist = make([]int64, n*n)
	c.fill(func(x, y int) {
		a, z := c.places[x].loc, c.places[y].loc
		d := geo.HaversineM(geo.Point{a[0], a[1]}, geo.Point{z[0], z[1]}) * road
		b.dist[x*n+y] = int64(math.Round(d))
		b.dur[x*n+y] = int64(math.Round(d * 3.6 / speed))
	})
	return b
}

// mergeWindows sorts windows and merges overlapping ones: the same set of
// allowed start times, in the sorted, disjoint form the vrp model reads.
func mergeWindows(ws [][]int64) [][2]int64 {
	out := make([][2]int64, 0, len(ws))
	for _, w := range ws {
		out = append(out, [2]int64{w[0], w[1]})
	}
	slices.SortFunc(out, func(a, b [2]int64) int { return cmp.Compare(a[0], b[0]) })
	merged := out[:0]
	for _, w := range out {
		if k := len(merged) - 1; k >= 0 && w[0] <= merged[k][1] {
			merged[k][1] = max(merged[k][1], w[1])
			continue
		}
		merged = append(merged, w)
	}
	return merged
}
