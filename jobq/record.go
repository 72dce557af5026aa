package jobq

import (
	"encoding/json"
	"time"
)

// State is where a job is in its life: queued → running → succeeded,
// failed or cancelled. A queued job may go straight to cancelled, and a
// running one back to queued when its worker stops or dies.
type State string

const (
	Queued    State = "queued"
	Running   State = "running"
	Succeeded State = "succeeded"
	Failed    State = "failed"
	Cancelled State = "cancelled"
)

// States lists every state in life order.
var States = [...]State{Queued, Running, Succeeded, Failed, Cancelled}

// Final reports whether a job in state s has ended.
func (s State) Final() bool { return s == Succeeded || s == Failed || s == Cancelled }

// Valid reports whether s is one of the five states.
func (s State) Valid() bool {
	for _, t := range States {
		if s == t {
			return true
		}
	}
	return false
}

// Record is what the queue keeps of a job besides its request and result.
// Times are UTC.
type Record struct {
	ID       string `json:"id"`
	Endpoint string `json:"endpoint"`
	State    State  `json:"state"`
	// DeadlineS bounds one run of the job, in seconds.
	DeadlineS  float64   `json:"deadline_s"`
	CreatedAt  time.Time `json:"created_at"`
	StartedAt  time.Time `json:"started_at,omitzero"`  // start of the last run
	FinishedAt time.Time `json:"finished_at,omitzero"` // set once final
	// CallbackURL, when set, is sent the job's status once it ends;
	// Callback says how that went ("delivered", or why it was given up).
	CallbackURL string `json:"callback_url,omitempty"`
	Callback    string `json:"callback,omitempty"`
	// CancelRequested is set by Cancel; the running worker stops the job.
	CancelRequested bool `json:"cancel_requested,omitempty"`
	// Seq is the sequence of the job's message in the stream.
	Seq uint64 `json:"seq"`
	// Attempts counts the runs started and not handed back by a worker
	// that stopped (a worker that died does not hand back); Worker names
	// the process of the last one.
	Attempts int    `json:"attempts,omitempty"`
	Worker   string `json:"worker,omitempty"`
	// Error is the caller's encoded error when the job failed, or the
	// queue's own ({"code": "worker_lost", ...}).
	Error json.RawMessage `json:"error,omitempty"`
	// ResultObject names the stored result (the id and the attempt that
	// ended the job) and ResultBytes is its size; ResultPurged is set when
	// the result budget had it deleted.
	ResultObject string `json:"result_object,omitempty"`
	ResultBytes  int    `json:"result_bytes,omitempty"`
	ResultPurged bool   `json:"result_purged,omitempty"`
	// ResultFile, when set, names the result among the job's files;
	// Files are the other files a succeeded job produced, each an object
	// beside the result, counted against the same budget and purged with it.
	ResultFile string       `json:"result_file,omitempty"`
	Files      []StoredFile `json:"files,omitempty"`
}

// StoredFile is one file of a job in the object store.
type StoredFile struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Object      string `json:"object"`
	Bytes       int    `json:"bytes"`
}

// objects lists the stored objects of the job: its result and its files.
func (r *Record) objects() []string {
	var names []string
	if r.ResultObject != "" {
		names = append(names, r.ResultObject)
	}
	for _, f := range r.Files {
		names = append(names, f.Object)
	}
	return names
}

// storedIn reports whether the job's result or files are in group, the
// objects of one attempt (see objectGroup).
func (r *Record) storedIn(group string) bool {
	for _, o := range r.objects() {
		if objectGroup(o) == group {
			return true
		}
	}
	return false
}

// Outcome is what a RunFunc gives back: an encoded result (also with a
// failure, as a partial plan), files that a succeeded job keeps beside its
// result, and, when the job failed, an encoded error.
type Outcome struct {
	Result []byte
	// ResultFile, when set, is the name the result goes by among the files.
	ResultFile string
	Files      []File
	Error      json.RawMessage
}

// File is a named file a job produced, kept with its result when the job
// succeeds (a plan's task sheets, say).
type File struct {
	Name        string
	ContentType string
	Data        []byte
}

// queueError encodes one of the queue's own errors in the shape the
// server's errors take.
func queueError(code, msg string) json.RawMessage {
	b, _ := json.Marshal(struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}{code, msg})
	return b
}
