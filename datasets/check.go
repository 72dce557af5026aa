package datasets

import (
	"fmt"
	"math"

	"fulfil/geo"
)

// feasTol absorbs floating-point noise in duration and time-window checks.
const feasTol = 1e-6

// coverage checks that routes visit each of customers 1..n exactly once.
func coverage(routes [][]int, n int) error {
	seen := make([]int, n+1) // route number that visited c, 0 if none
	for k, route := range routes {
		for _, c := range route {
			if c < 1 || c > n {
				return fmt.Errorf("route #%d: customer %d: must be in 1..%d", k+1, c, n)
			}
			if seen[c] != 0 {
				return fmt.Errorf("route #%d: customer %d: already visited by route #%d", k+1, c, seen[c])
			}
			seen[c] = k + 1
		}
	}
	for c := 1; c <= n; c++ {
		if seen[c] == 0 {
			return fmt.Errorf("customer %d: not visited", c)
		}
	}
	return nil
}

// Check recomputes the cost of sol on v with distances rounded by r and
// verifies it: every customer visited exactly once, no route over
// Capacity, and with a DISTANCE limit no route longer than MaxDistance,
// counting ServiceTime at each customer. Empty routes cost nothing. The
// fleet size is not checked (CVRPLIB leaves it free). It returns the
// recomputed cost, or an error naming the first violation.
func (v *VRPLIB) Check(sol *Solution, r geo.Rounding) (float64, error) {
	n := v.Dimension
	if err := coverage(sol.Routes, n-1); err != nil {
		return 0, err
	}
	d := v.Distances(r)
	total := 0.0
	for k, route := range sol.Routes {
		if len(route) == 0 {
			continue
		}
		var load int64
		length, prev := 0.0, 0
		for _, c := range route {
			load += v.Demands[c]
			length += d[prev*n+c]
			prev = c
		}
		length += d[prev*n]
		if load > v.Capacity {
			return 0, fmt.Errorf("route #%d: load %d exceeds the capacity %d", k+1, load, v.Capacity)
		}
		if v.MaxDistance > 0 {
			dur := length + v.ServiceTime*float64(len(route))
			if dur > v.MaxDistance+feasTol {
				return 0, fmt.Errorf("route #%d: length with service %g exceeds DISTANCE %g", k+1, dur, v.MaxDistance)
			}
		}
		total += length
	}
	return total, nil
}

// Check recomputes the total distance of sol on s, with distances and
// travel times rounded by r (geo.Trunc1 for the CVRPLIB costs), and
// verifies it: every customer visited exactly once, no route over
// Capacity, service starting by each due date (waiting allowed) and every
// route back at the depot by its due date. The number of routes is not
// checked against Vehicles, since the CVRPLIB objective leaves the fleet
// free. It returns the recomputed distance, or an error naming the first
// violation.
func (s *Solomon) Check(sol *Solution, r geo.Rounding) (float64, error) {
	n := len(s.Customers)
	if err := coverage(sol.Routes, n-1); err != nil {
		return 0, err
	}
	d := s.Distances(r)
	depot := s.Customers[0]
	total := 0.0
	for k, route := range sol.Routes {
		if len(route) == 0 {
			continue
		}
		var load int64
		t, length, prev := depot.Ready, 0.0, 0
		for _, c := range route {
			cu := s.Customers[c]
			load += cu.Demand
			length += d[prev*n+c]
			t = math.Max(t+d[prev*n+c], cu.Ready)
			if t > cu.Due+feasTol {
				return 0, fmt.Errorf("route #%d: customer %d: service starts at %g, after its due date %g", k+1, c, t, cu.Due)
			}
			t += cu.Service
			prev = c
		}
		length += d[prev*n]
		t += d[prev*n]
		if load > s.Capacity {
			return 0, fmt.Errorf("route #%d: load %d exceeds the capacity %d", k+1, load, s.Capacity)
		}
		if t > depot.Due+feasTol {
			return 0, fmt.Errorf("route #%d: returns to the depot at %g, after its due date %g", k+1, t, depot.Due)
		}
		total += length
	}
	return total, nil
}
