package solver

import (
	"fmt"
	"runtime/debug"
	"sync"
)

// PanicError is a panic recovered in a solver, in a worker goroutine or in
// the solve itself: a bug, never the caller's fault. Stack is the stack of
// the goroutine that panicked, for the log; callers should not show it to
// users.
type PanicError struct {
	Value any    // what was passed to panic
	Stack string // the panicking goroutine's stack
}

func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

// Unwrap returns the panic value when it is an error (a runtime error such
// as an index out of range), so that errors.As can reach it.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// Group runs worker goroutines and joins them. A panic in a worker is
// recovered there and handed to Wait, so that it never takes down the
// process; the other workers run on to their end (they watch the solve's
// ctx as usual). The zero value is ready to use; a Group must not be
// copied after first use.
type Group struct {
	wg    sync.WaitGroup
	mu    sync.Mutex
	first *PanicError
}

// Go runs f in a new goroutine.
func (g *Group) Go(f func()) {
	g.wg.Go(func() {
		defer func() {
			if r := recover(); r != nil {
				pe := asPanicError(r)
				g.mu.Lock()
				if g.first == nil {
					g.first = pe
				}
				g.mu.Unlock()
			}
		}()
		f()
	})
}

// Wait waits for every worker started by Go and returns the first panic
// recovered among them as a *PanicError, or nil.
func (g *Group) Wait() error {
	g.wg.Wait()
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.first == nil {
		return nil
	}
	return g.first
}

// Join is Wait for code that cannot return an error, such as a closure
// deep in a search: it panics again on the caller's goroutine with the
// worker's *PanicError, which the solve's deferred Recover turns into its
// error, keeping the worker's stack.
func (g *Group) Join() {
	if err := g.Wait(); err != nil {
		panic(err)
	}
}

// Recover, deferred by a solver's entry point with a pointer to its named
// error result, turns a panic on the calling goroutine into a *PanicError
// in *err (a *PanicError re-raised by Join is kept as it is). Any result
// other than the error is left as the panic found it: callers must ignore
// it when err is set.
//
//	func Plan(ctx context.Context, in *Input, opt Options) (_ *Output, err error) {
//		defer solver.Recover(&err)
func Recover(err *error) {
	if r := recover(); r != nil {
		*err = asPanicError(r)
	}
}

func asPanicError(r any) *PanicError {
	if pe, ok := r.(*PanicError); ok {
		return pe
	}
	return &PanicError{Value: r, Stack: string(debug.Stack())}
}
