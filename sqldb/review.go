package sqldb

import (
	"context"
	"fmt"
	"strings"

	"jingzi"
)

// ReviewService implements jingzi.ReviewService: the 审阅/审核 chain of
// statements and their comments. A transition updates the statement's state
// and desk, appends a review row, an audit entry and the notifications in one
// transaction.
type ReviewService struct{ db *DB }

// NewReviewService returns the review service.
func NewReviewService(db *DB) *ReviewService { return &ReviewService{db: db} }

// transition is one step of the chain: where the statement goes next.
type transition struct {
	action  string
	reasons string
	version int
}

// Submit hands a draft or returned statement to the next desk.
func (s *ReviewService) Submit(ctx context.Context, id int64, version int) error {
	return s.move(ctx, id, transition{action: jingzi.ReviewSubmit, version: version})
}

// Approve passes the statement: from the head on to the reviewer, from the reviewer to 已通过.
func (s *ReviewService) Approve(ctx context.Context, id int64, version int, reasons string) error {
	return s.move(ctx, id, transition{action: jingzi.ReviewApprove, reasons: reasons, version: version})
}

// Return sends the statement back to its author with reasons.
func (s *ReviewService) Return(ctx context.Context, id int64, version int, reasons string) error {
	return s.move(ctx, id, transition{action: jingzi.ReviewReturn, reasons: reasons, version: version})
}

// Finalize locks an approved statement as 定稿.
func (s *ReviewService) Finalize(ctx context.Context, id int64, version int) error {
	return s.move(ctx, id, transition{action: jingzi.ReviewFinalize, version: version})
}

// Reopen unlocks a final statement for its author; a reviewer's reasons are required.
func (s *ReviewService) Reopen(ctx context.Context, id int64, version int, reasons string) error {
	return s.move(ctx, id, transition{action: jingzi.ReviewReopen, reasons: reasons, version: version})
}

func (s *ReviewService) move(ctx context.Context, id int64, t transition) error {
	t.reasons = strings.TrimSpace(t.reasons)
	if err := jingzi.ValidateReasons(t.action, t.reasons); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, m, err := findStatement(tx, id)
	if err != nil {
		return err
	} else if !jingzi.CanViewStatement(ctx, m, st) {
		return errStatementNotFound
	} else if !jingzi.CanActOnStatement(ctx, m, st, t.action) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "材料当前为“%s”（%s），您不能执行“%s”。", st.State.Label(), st.Desk.Label(), jingzi.ReviewActionLabel(t.action))
	} else if st.Version != t.version {
		return jingzi.Errorf(jingzi.ECONFLICT, "材料已更新为第%d版，请刷新后再审阅。", st.Version)
	}
	from := st.Desk
	state, desk := nextState(m, st, t.action)
	res, err := tx.exec(`UPDATE statements SET state = ?, desk = ? WHERE id = ? AND version = ? AND state = ?`, state, desk, id, st.Version, st.State)
	if err != nil {
		return fmt.Errorf("move statement: %w", err)
	} else if n, _ := res.RowsAffected(); n != 1 {
		return jingzi.Errorf(jingzi.ECONFLICT, "材料状态已被他人改变，请刷新后重试。")
	}
	a := jingzi.ActorFromContext(ctx)
	r := &jingzi.Review{StatementID: id, UserName: a.Name(), Role: from, Action: t.action, Reasons: t.reasons, Version: st.Version, At: tx.now}
	if u := jingzi.UserFromContext(ctx); u != nil {
		r.UserID = u.ID
	}
	if t.action == jingzi.ReviewFinalize || t.action == jingzi.ReviewReopen {
		r.Role = jingzi.DeskReviewer
	}
	if r.ID, err = tx.insert(`INSERT INTO statement_reviews (statement_id, user_id, user_name, role, action, reasons, version, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, r.UserID, r.UserName, string(r.Role), r.Action, r.Reasons, r.Version, r.At); err != nil {
		return fmt.Errorf("insert review: %w", err)
	}
	detail := fmt.Sprintf("%s第%d版：%s→%s", st.OwnerLabel(), st.Version, st.State.Label(), state.Label())
	if t.reasons != "" {
		detail += "；理由：" + t.reasons
	}
	if err := audit(tx, "statement."+t.action, "statement", id, m.OrgID, detail); err != nil {
		return err
	}
	st.State, st.Desk = state, desk
	if err := notifyReview(tx, m, st, r); err != nil {
		return err
	}
	return tx.Commit()
}

// nextState is the state machine of the chain.
func nextState(m *jingzi.Meeting, st *jingzi.Statement, action string) (jingzi.StatementState, jingzi.Desk) {
	switch action {
	case jingzi.ReviewSubmit:
		return jingzi.StateSubmitted, jingzi.NextDesk(m, st, jingzi.DeskAuthor)
	case jingzi.ReviewApprove:
		if st.Desk == jingzi.DeskHead {
			return jingzi.StateSubmitted, jingzi.DeskReviewer
		}
		return jingzi.StateApproved, jingzi.DeskNone
	case jingzi.ReviewFinalize:
		return jingzi.StateFinal, jingzi.DeskNone
	}
	return jingzi.StateReturned, jingzi.DeskAuthor // return, reopen
}

// FindReviews lists the chain of a statement, oldest first.
func (s *ReviewService) FindReviews(ctx context.Context, id int64) ([]*jingzi.Review, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := canView(ctx, tx, id); err != nil {
		return nil, err
	}
	rows, err := tx.query(`SELECT id, statement_id, user_id, user_name, role, action, reasons, version, at
		FROM statement_reviews WHERE statement_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("find reviews: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.Review
	for rows.Next() {
		r := &jingzi.Review{}
		if err := rows.Scan(&r.ID, &r.StatementID, &r.UserID, &r.UserName, &r.Role, &r.Action, &r.Reasons, &r.Version, &r.At); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func canView(ctx context.Context, tx *Tx, id int64) error {
	st, m, err := findStatement(tx, id)
	if err != nil {
		return err
	} else if !jingzi.CanViewStatement(ctx, m, st) {
		return errStatementNotFound
	}
	return nil
}

// MeetingProgress fills the 审核 counts of the phase strip: statements sent for
// review, approved (or final), and returned awaiting a resubmission.
func (s *ReviewService) MeetingProgress(ctx context.Context, meetingID int64) (jingzi.MeetingProgress, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return jingzi.MeetingProgress{}, err
	}
	defer tx.Rollback()
	if _, err := findVisibleMeeting(tx, meetingID); err != nil {
		return jingzi.MeetingProgress{}, err
	}
	r := &jingzi.ReviewProgress{}
	err = tx.queryRow(`SELECT
		COALESCE(SUM(CASE WHEN state <> 'draft' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN state IN ('approved', 'final') THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN state = 'returned' THEN 1 ELSE 0 END), 0)
		FROM statements WHERE meeting_id = ?`, meetingID).Scan(&r.Statements, &r.Approved, &r.Returned)
	if err != nil {
		return jingzi.MeetingProgress{}, fmt.Errorf("review progress: %w", err)
	}
	return jingzi.MeetingProgress{Reviews: r}, nil
}
