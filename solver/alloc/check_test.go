package alloc

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"fulfil/solver"
)

// verdict makes a check's report an error: Check's own error, or one
// wrapping ErrCheck when the report lists violations.
func verdict(rep *solver.Report, err error) error {
	if err != nil {
		return err
	}
	return rep.Err(ErrCheck)
}

// TestChecksCatchHarm: each checker flags an answer harmed in one way, by
// the field that is wrong, and passes the answer unharmed.
func TestChecksCatchHarm(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	in, opt := randomCase(r, true)
	fresh := func() *Output {
		out, err := Allocate(context.Background(), in, opt)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	tin := &TransferInput{
		Warehouses: []Warehouse{{ID: "A"}, {ID: "B"}},
		SKUs:       []TransferSKU{{ID: "s"}},
		Positions:  []Position{{Warehouse: "A", SKU: "s", OnHandUnits: 500, ForecastUnits: 300}, {Warehouse: "B", SKU: "s", OnHandUnits: 50, ForecastUnits: 250}},
		Lanes:      []Lane{{From: "A", To: "B", CostPerUnit: 3}},
	}
	topt := DefaultTransferOptions()
	tout, err := SuggestTransfers(context.Background(), tin, topt)
	if err != nil {
		t.Fatal(err)
	}
	gin := &GAPInput{Cost: [][]int64{{1, 5}, {4, 2}}, Weight: [][]int64{{3, 3}, {3, 3}}, Capacity: []int64{4, 4}}
	gout, err := SolveGAP(context.Background(), gin, GAPOptions{Iterations: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		check func() (*solver.Report, error)
		field string // "": the answer is unharmed
	}{
		{"allocation unharmed", func() (*solver.Report, error) { return Check(in, opt, fresh()) }, ""},
		{"allocation cost", func() (*solver.Report, error) {
			out := fresh()
			out.Cost++
			return Check(in, opt, out)
		}, "cost"},
		{"allocation units", func() (*solver.Report, error) {
			out := fresh()
			if len(out.Assignments) == 0 {
				t.Fatal("the case ships nothing")
			}
			out.Assignments[0].Units = 0
			return Check(in, opt, out)
		}, "assignments[0].units"},
		{"transfers unharmed", func() (*solver.Report, error) { return CheckTransfer(tin, topt, tout) }, ""},
		{"transfer cost", func() (*solver.Report, error) {
			out := *tout
			out.Moves = slices.Clone(tout.Moves)
			out.Moves[0].Cost++
			return CheckTransfer(tin, topt, &out)
		}, "moves[0].cost"},
		{"gap unharmed", func() (*solver.Report, error) { return CheckGAP(gin, gout) }, ""},
		{"gap overload", func() (*solver.Report, error) {
			out := *gout
			out.Assignment = []int{0, 0}
			return CheckGAP(gin, &out)
		}, "assignment"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := tc.check()
			if err != nil {
				t.Fatal(err)
			}
			if tc.field == "" {
				if !rep.Feasible {
					t.Errorf("got violations %v, want none", rep.Violations)
				}
				return
			}
			if rep.Feasible || len(rep.Violations) == 0 || rep.Violations[0].Field != tc.field {
				t.Fatalf("got feasible %v, violations %v; want one on %s", rep.Feasible, rep.Violations, tc.field)
			}
			if err := rep.Err(ErrCheck); !errors.Is(err, ErrCheck) || !errors.Is(err, solver.ErrCheck) {
				t.Errorf("got %v, want ErrCheck and solver.ErrCheck", err)
			}
		})
	}
}
