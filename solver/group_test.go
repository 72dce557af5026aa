package solver

import (
	"errors"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
)

func TestGroupContainsWorkerPanic(t *testing.T) {
	var g Group
	var done atomic.Int64
	for w := range 4 {
		g.Go(func() {
			if w == 2 {
				var s []int
				_ = s[w] // a runtime error, as a search bug would raise
			}
			done.Add(1)
		})
	}
	err := g.Wait()
	pe, ok := errors.AsType[*PanicError](err)
	if !ok {
		t.Fatalf("Wait: got %v, want a *PanicError", err)
	}
	if !strings.Contains(pe.Stack, "group_test.go") {
		t.Errorf("stack does not name the panicking worker:\n%s", pe.Stack)
	}
	if _, ok := errors.AsType[runtime.Error](err); !ok {
		t.Errorf("the runtime error is not reachable through Unwrap: %v", err)
	}
	if n := done.Load(); n != 3 {
		t.Errorf("%d workers finished, want the 3 that did not panic", n)
	}
	var clean Group
	clean.Go(func() {})
	if err := clean.Wait(); err != nil {
		t.Errorf("clean group: got %v, want nil", err)
	}
}

func TestRecoverKeepsWorkerStack(t *testing.T) {
	solve := func() (_ *int, err error) {
		defer Recover(&err)
		var g Group
		g.Go(func() { panic("wave: an item does not fit an empty bin") })
		g.Join()
		return new(1), nil
	}
	out, err := solve()
	pe, ok := errors.AsType[*PanicError](err)
	if out != nil || !ok || pe.Value != "wave: an item does not fit an empty bin" {
		t.Fatalf("got %v, %v; want nil and the worker's panic", out, err)
	}
	if !strings.Contains(pe.Stack, "TestRecoverKeepsWorkerStack.func1.1") {
		t.Errorf("stack is not the worker's:\n%s", pe.Stack)
	}
	direct := func() (err error) {
		defer Recover(&err)
		panic("on the caller")
	}
	if err := direct(); err == nil || err.Error() != "panic: on the caller" {
		t.Errorf("panic on the calling goroutine: got %v", err)
	}
}

func TestReport(t *testing.T) {
	r := NewReport()
	if err := r.Err(errors.New("x: bad")); err != nil || !r.Feasible {
		t.Fatalf("empty report: feasible %v, err %v", r.Feasible, err)
	}
	sentinel := errors.New("wave: plan fails its check")
	for i := range MaxViolations + 3 {
		r.Add("waves[0].batches[1]", "over the cart weight by %d g", i)
	}
	err := r.Err(sentinel)
	if r.Feasible || len(r.Violations) != MaxViolations || r.Dropped != 3 {
		t.Fatalf("got feasible %v, %d listed, %d dropped", r.Feasible, len(r.Violations), r.Dropped)
	}
	if !errors.Is(err, sentinel) || !errors.Is(err, ErrCheck) {
		t.Errorf("%v wraps neither the solver's sentinel nor ErrCheck", err)
	}
	if want := "wave: plan fails its check (answer failed its independent check): waves[0].batches[1]: over the cart weight by 0 g (and 52 more)"; err.Error() != want {
		t.Errorf("got %q, want %q", err, want)
	}
}
