package datasets

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// LiLim is a pickup-and-delivery instance with time windows in the format
// of Li & Lim (2001), as kept by SINTEF: a first line "K Q S" (vehicles,
// capacity, speed), then one tab- or space-separated row per task "index x
// y demand earliest latest service pickup delivery". Tasks[0] is the depot.
// A pickup has demand > 0 and names its delivery; a delivery has the
// negative demand and names its pickup. Travel time equals the Euclidean
// distance in double precision; the speed field (0 in ten files) is kept
// but not used, as the benchmark's checkers do.
type LiLim struct {
	Name     string
	Vehicles int   // K: the fleet available
	Capacity int64 // Q
	Speed    float64
	Tasks    []LiLimTask
}

// LiLimTask is one row of a Li & Lim file. Times are in the instance's
// unit, the same as distance; earliest and latest bound the start of
// service.
type LiLimTask struct {
	X, Y     float64
	Demand   int64
	Earliest float64
	Latest   float64
	Service  float64
	Pickup   int // for a delivery: its pickup's index; else 0
	Delivery int // for a pickup: its delivery's index; else 0
}

// ReadLiLimFile reads a Li & Lim file; errors name the file's base name.
func ReadLiLimFile(path string) (*LiLim, error) {
	return openFile(path, ReadLiLim)
}

// ReadLiLim reads a Li & Lim instance from r; name is used in errors and,
// without its extension, as the instance's name. Rows must be numbered 0,
// 1, 2, ... in order, row 0 (the depot) must have zero demand and service,
// and every pickup and delivery must name each other with opposite
// demands.
func ReadLiLim(r io.Reader, name string) (*LiLim, error) {
	l := newLines(r, name)
	inst := &LiLim{Name: strings.TrimSuffix(name, ".txt")}
	if !l.nextNonBlank() {
		return nil, l.eof("expected the line \"K Q S\"")
	}
	head := strings.Fields(l.text)
	if len(head) != 3 {
		return nil, l.errorf("expected the line \"K Q S\" (vehicles, capacity, speed), got %q", clip(l.text))
	}
	k, err := parseInt(head[0])
	if err != nil || k < 1 {
		return nil, l.errorf("vehicles: expected an integer >= 1, got %q", head[0])
	}
	q, err := parseInt(head[1])
	if err != nil || q < 1 {
		return nil, l.errorf("capacity: expected an integer >= 1, got %q", head[1])
	}
	s, err := parseFloat(head[2])
	if err != nil || s < 0 {
		return nil, l.errorf("speed: expected a number >= 0, got %q", head[2])
	}
	inst.Vehicles, inst.Capacity, inst.Speed = int(k), q, s
	lineOf := []int{}
	for l.nextNonBlank() {
		f := strings.Fields(l.text)
		if len(f) != 9 {
			return nil, l.errorf("expected 9 fields (index x y demand earliest latest service pickup delivery), got %d", len(f))
		}
		idx, err := parseInt(f[0])
		if err != nil || idx != int64(len(inst.Tasks)) {
			return nil, l.errorf("index: expected %d, got %q", len(inst.Tasks), f[0])
		}
		var t LiLimTask
		var nums [8]float64
		for c, tok := range f[1:] {
			if nums[c], err = parseFloat(tok); err != nil {
				return nil, l.errorf("column %d: %v", c+2, err)
			}
		}
		t.X, t.Y, t.Earliest, t.Latest, t.Service = nums[0], nums[1], nums[3], nums[4], nums[5]
		if nums[2] != math.Trunc(nums[2]) {
			return nil, l.errorf("demand: expected an integer, got %q", f[3])
		}
		t.Demand = int64(nums[2])
		for _, ref := range []struct {
			col int
			dst *int
		}{{6, &t.Pickup}, {7, &t.Delivery}} {
			if v := nums[ref.col]; v != math.Trunc(v) || v < 0 {
				return nil, l.errorf("column %d: expected a task index >= 0, got %q", ref.col+2, f[ref.col+1])
			}
			*ref.dst = int(nums[ref.col])
		}
		if t.Earliest > t.Latest {
			return nil, l.errorf("earliest %g is after latest %g", t.Earliest, t.Latest)
		}
		if t.Service < 0 {
			return nil, l.errorf("service: must be >= 0, got %g", t.Service)
		}
		inst.Tasks = append(inst.Tasks, t)
		lineOf = append(lineOf, l.n)
	}
	if l.err != nil {
		return nil, l.err
	}
	if len(inst.Tasks) < 1 {
		return nil, l.eof("expected the depot row")
	}
	at := func(i int, format string, args ...any) error {
		return &ParseError{Name: name, Line: lineOf[i], Msg: fmt.Sprintf("task %d: ", i) + fmt.Sprintf(format, args...)}
	}
	if d := inst.Tasks[0]; d.Demand != 0 || d.Pickup != 0 || d.Delivery != 0 {
		return nil, at(0, "the depot must have demand, pickup and delivery 0")
	}
	n := len(inst.Tasks)
	for i := 1; i < n; i++ {
		t := inst.Tasks[i]
		switch {
		case t.Demand > 0:
			if t.Pickup != 0 || t.Delivery < 1 || t.Delivery >= n {
				return nil, at(i, "a pickup (demand %d) must have pickup 0 and a delivery in 1..%d, got %d and %d", t.Demand, n-1, t.Pickup, t.Delivery)
			}
			if d := inst.Tasks[t.Delivery]; d.Pickup != i || d.Demand != -t.Demand {
				return nil, at(i, "its delivery %d must name it as pickup with demand %d, got pickup %d and demand %d", t.Delivery, -t.Demand, d.Pickup, d.Demand)
			}
		case t.Demand < 0:
			if t.Delivery != 0 || t.Pickup < 1 || t.Pickup >= n {
				return nil, at(i, "a delivery (demand %d) must have delivery 0 and a pickup in 1..%d, got %d and %d", t.Demand, n-1, t.Delivery, t.Pickup)
			}
			if p := inst.Tasks[t.Pickup]; p.Delivery != i {
				return nil, at(i, "its pickup %d must name it as delivery, got %d", t.Pickup, p.Delivery)
			}
		default:
			return nil, at(i, "demand must not be 0 (every task is a pickup or a delivery)")
		}
		if t.Demand > inst.Capacity || -t.Demand > inst.Capacity {
			return nil, at(i, "demand %d exceeds the capacity %d", t.Demand, inst.Capacity)
		}
	}
	return inst, nil
}

// Requests returns the pickup-delivery pairs, in the order of the pickups.
func (inst *LiLim) Requests() [][2]int {
	var out [][2]int
	for i, t := range inst.Tasks {
		if t.Demand > 0 {
			out = append(out, [2]int{i, t.Delivery})
		}
	}
	return out
}

// Check verifies routes (task indices, the depot implicit at both ends) on
// inst, from the instance alone: every task served exactly once, each
// pickup before its delivery on the same route, the load within the
// capacity at every point, service started by each task's latest time
// (waiting allowed), every route back at the depot by its latest time, and
// at most Vehicles routes. Distances and travel times are Euclidean in
// double precision. Empty routes are not counted. It returns the number of
// routes and the total distance, or an error naming the first violation.
func (inst *LiLim) Check(routes [][]int) (vehicles int, distance float64, err error) {
	n := len(inst.Tasks)
	if err := coverage(routes, n-1); err != nil {
		return 0, 0, err
	}
	dist := func(a, b int) float64 {
		ta, tb := inst.Tasks[a], inst.Tasks[b]
		return math.Hypot(ta.X-tb.X, ta.Y-tb.Y)
	}
	depot := inst.Tasks[0]
	onRoute := make([]int, n) // position+1 of a task on its route
	for k, route := range routes {
		if len(route) == 0 {
			continue
		}
		vehicles++
		clear(onRoute)
		var load int64
		t, prev := depot.Earliest, 0
		for pos, c := range route {
			task := inst.Tasks[c]
			if task.Demand < 0 && onRoute[task.Pickup] == 0 {
				return 0, 0, fmt.Errorf("route #%d: delivery %d comes before its pickup %d, or they are on different routes", k+1, c, task.Pickup)
			}
			onRoute[c] = pos + 1
			load += task.Demand
			if load > inst.Capacity {
				return 0, 0, fmt.Errorf("route #%d: load %d after task %d exceeds the capacity %d", k+1, load, c, inst.Capacity)
			}
			distance += dist(prev, c)
			t = math.Max(t+dist(prev, c), task.Earliest)
			if t > task.Latest+feasTol {
				return 0, 0, fmt.Errorf("route #%d: task %d: service starts at %g, after its latest %g", k+1, c, t, task.Latest)
			}
			t += task.Service
			prev = c
		}
		for _, c := range route {
			if task := inst.Tasks[c]; task.Demand > 0 && onRoute[task.Delivery] == 0 {
				return 0, 0, fmt.Errorf("route #%d: pickup %d: its delivery %d is on another route", k+1, c, task.Delivery)
			}
		}
		distance += dist(prev, 0)
		if t += dist(prev, 0); t > depot.Latest+feasTol {
			return 0, 0, fmt.Errorf("route #%d: returns to the depot at %g, after its latest %g", k+1, t, depot.Latest)
		}
	}
	if vehicles > inst.Vehicles {
		return 0, 0, fmt.Errorf("%d routes: more than the %d vehicles available", vehicles, inst.Vehicles)
	}
	return vehicles, distance, nil
}
