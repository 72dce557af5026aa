package vroom

import (
	"math"
	"slices"
)

// causes is the order violations are listed in.
var causes = []string{"lead_time", "delay", "load", "max_tasks", "skills", "precedence", "missing_break", "max_travel_time", "max_distance", "max_load"}

// output writes the answer: one Route per vehicle with a route (plan mode
// routes always, optimised ones when they serve a job), in input order,
// then the jobs no route serves, with why's reasons.
func (c *compiled) output(routes []*routeOf, why map[int]string) *Output {
	out := &Output{Code: CodeOK, Routes: []Route{}, Unassigned: []Unassigned{}}
	sum := &Summary{Violations: []Violation{}}
	if c.dims > 0 {
		sum.Delivery, sum.Pickup = make([]int64, c.dims), make([]int64, c.dims)
	}
	if c.hasDist {
		sum.Distance = new(int64(0))
	}
	var all []Violation
	for v, r := range routes {
		if r == nil || (!r.plan && r.tasks() == 0) {
			continue
		}
		rt := c.route(v, r)
		sum.Cost += rt.Cost
		sum.Setup += rt.Setup
		sum.Service += rt.Service
		sum.Duration += rt.Duration
		sum.WaitingTime += rt.WaitingTime
		sum.Priority += rt.Priority
		for k := range c.dims {
			sum.Delivery[k] += rt.Delivery[k]
			sum.Pickup[k] += rt.Pickup[k]
		}
		if sum.Distance != nil {
			*sum.Distance += *rt.Distance
		}
		all = append(all, rt.Violations...)
		out.Routes = append(out.Routes, rt)
	}
	sum.Violations = aggregate(all)
	for t, tk := range c.tasks {
		reason, ok := why[t]
		if !ok {
			continue
		}
		out.Unassigned = append(out.Unassigned, Unassigned{ID: tk.id, Type: tk.kind, Description: tk.description, Location: tk.loc, LocationIndex: tk.idx, Reason: reason})
	}
	sum.Routes = len(out.Routes)
	sum.Unassigned = len(out.Unassigned)
	out.Summary = sum
	return out
}

// route writes vehicle v's route with its steps, loads and violations.
func (c *compiled) route(v int, r *routeOf) Route {
	vh := &c.in.Vehicles[v]
	k := &c.classes[c.vclass[v]]
	tl := r.tl
	rt := Route{Vehicle: vh.ID, Description: vh.Description, Steps: []Step{}}
	load := make([]int64, c.dims)
	if c.dims > 0 {
		rt.Delivery, rt.Pickup = make([]int64, c.dims), make([]int64, c.dims)
	}
	pos := make(map[int]int, len(r.jobs)) // task → position on the route
	taken := make([]bool, len(c.breaks[v]))
	for i, j := range r.jobs {
		pos[j] = i
		if isBreak(j) {
			taken[breakOf(j)] = true
			continue
		}
		for d := range c.dims {
			if c.tasks[j].kind == "job" {
				load[d] += c.delivery[j][d]
			}
			rt.Delivery[d] += c.delivery[j][d]
			rt.Pickup[d] += c.pickup[j][d]
		}
	}
	over := func() bool {
		for d := range c.dims {
			if load[d] > c.capacity[v][d] {
				return true
			}
		}
		return false
	}
	has := map[uint32]bool{}
	for _, s := range vh.Skills {
		has[s] = true
	}
	step := func(typ string, t *timing, p int) Step {
		s := Step{Type: typ, Arrival: t.arrival, Duration: t.travel, WaitingTime: t.wait, Violations: []Violation{}}
		if p >= 0 {
			s.Location, s.LocationIndex = c.places[p].loc, c.places[p].idx
		}
		if c.dims > 0 {
			s.Load = slices.Clone(load)
			if over() {
				s.Violations = append(s.Violations, Violation{Cause: "load"})
			}
		}
		if k.dist != nil {
			s.Distance = new(t.dist)
		}
		if t.lead > 0 {
			s.Violations = append(s.Violations, Violation{Cause: "lead_time", Duration: new(t.lead)})
		}
		if t.delay > 0 {
			s.Violations = append(s.Violations, Violation{Cause: "delay", Duration: new(t.delay)})
		}
		return s
	}
	if c.start[v] >= 0 {
		rt.Steps = append(rt.Steps, step("start", &tl.start, c.start[v]))
	}
	var all []Violation
	for i, j := range r.jobs {
		if isBreak(j) {
			b := &c.breaks[v][breakOf(j)]
			t := &tl.tasks[i]
			s := step("break", t, -1)
			s.ID, s.Description, s.Service = new(b.id), b.description, b.service
			rt.Service += b.service // VROOM counts break time as service (its example 1)
			rt.WaitingTime += t.wait
			rt.Steps = append(rt.Steps, s)
			continue
		}
		tk := &c.tasks[j]
		for d := range c.dims {
			load[d] += c.pickup[j][d] - c.delivery[j][d]
		}
		t := &tl.tasks[i]
		s := step(tk.kind, t, c.jobPlace[j])
		s.ID, s.Description = new(tk.id), tk.description
		s.Setup, s.Service = t.setup, tk.service
		for _, sk := range tk.skills {
			if !has[sk] {
				s.Violations = append(s.Violations, Violation{Cause: "skills"})
				break
			}
		}
		// A shipment's pickup comes before its delivery on the same route.
		if m := c.mate(j); m >= 0 {
			at, ok := pos[m]
			if !ok || (tk.kind == "pickup") != (at > i) {
				s.Violations = append(s.Violations, Violation{Cause: "precedence"})
			}
		}
		rt.Setup += t.setup
		rt.Service += tk.service
		rt.WaitingTime += t.wait
		if tk.kind != "delivery" { // a shipment's priority counts once
			rt.Priority += int64(tk.priority)
		}
		rt.Steps = append(rt.Steps, s)
	}
	if c.end[v] >= 0 {
		rt.Steps = append(rt.Steps, step("end", &tl.end, c.end[v]))
		rt.WaitingTime += tl.end.wait
	}
	for _, s := range rt.Steps {
		all = append(all, s.Violations...)
	}
	rt.Duration = tl.end.travel
	if k.dist != nil {
		rt.Distance = new(tl.end.dist)
	}
	if r.tasks() > 0 && slices.Contains(taken, false) {
		// Routes serving no task take no break: VROOM reports
		// missing_break for plan mode routes that skip one.
		all = append(all, Violation{Cause: "missing_break"})
	}
	if vh.MaxTasks != nil && r.tasks() > *vh.MaxTasks {
		all = append(all, Violation{Cause: "max_tasks"})
	}
	if vh.MaxTravelTime != nil && rt.Duration > *vh.MaxTravelTime {
		all = append(all, Violation{Cause: "max_travel_time"})
	}
	if vh.MaxDistance != nil && rt.Distance != nil && *rt.Distance > *vh.MaxDistance {
		all = append(all, Violation{Cause: "max_distance"})
	}
	rt.Violations = aggregate(all)
	if r.tasks() > 0 {
		rt.Cost = costsOf(*vh).Fixed
	}
	rt.Cost += int64(math.Round(c.travelCost(v, r.jobs)))
	return rt
}

// aggregate merges violations by cause, summing durations, in causes order.
func aggregate(vs []Violation) []Violation {
	out := []Violation{}
	for _, cause := range causes {
		var seen bool
		var d int64
		var timed bool
		for _, x := range vs {
			if x.Cause != cause {
				continue
			}
			seen = true
			if x.Duration != nil {
				timed = true
				d += *x.Duration
			}
		}
		if !seen {
			continue
		}
		agg := Violation{Cause: cause}
		if timed {
			agg.Duration = new(d)
		}
		out = append(out, agg)
	}
	return out
}
