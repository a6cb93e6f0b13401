package sqldb

import (
	"context"
	"fmt"

	"jingzi"
)

// GradeRef names a statement version whose 材料质量检查 grade is missing or
// belongs to an older version.
type GradeRef struct {
	StatementID int64
	Version     int
}

// RecordCheckGrade stores the score and grade of the check of the statement
// at version, for the 督导一览. It reports false and changes nothing when the
// statement has been saved since (the newer version gets its own grade) or no
// longer exists. The grade is derived from the stored text, so it is not an
// audited change. System actor only.
func (s *StatementService) RecordCheckGrade(ctx context.Context, statementID int64, version, score int, grade string) (bool, error) {
	if !jingzi.IsSystem(ctx) {
		return false, jingzi.Errorf(jingzi.EFORBIDDEN, "材料质量等级由系统记录。")
	}
	switch grade {
	case jingzi.GradePass, jingzi.GradeRevise, jingzi.GradeFail:
	default:
		return false, jingzi.Errorf(jingzi.EINVALID, "未知的材料质量等级“%s”。", grade)
	}
	if score < 0 || score > 100 {
		return false, jingzi.Errorf(jingzi.EINVALID, "材料质量得分应在0到100之间。")
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	res, err := tx.exec(`UPDATE statements SET check_score = ?, check_grade = ?, check_version = ? WHERE id = ? AND version = ?`,
		score, grade, version, statementID, version)
	if err != nil {
		return false, fmt.Errorf("record check grade: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, err
	}
	return n == 1, tx.Commit()
}

// StatementsToGrade lists up to limit statements (all when limit ≤ 0) whose
// current version has no grade yet, oldest first. System actor only.
func (s *StatementService) StatementsToGrade(ctx context.Context, limit int) ([]GradeRef, error) {
	if !jingzi.IsSystem(ctx) {
		return nil, jingzi.Errorf(jingzi.EFORBIDDEN, "材料质量等级由系统记录。")
	}
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	q := `SELECT id, version FROM statements WHERE check_version IS NULL OR check_version <> version ORDER BY id`
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := tx.query(q)
	if err != nil {
		return nil, fmt.Errorf("statements to grade: %w", err)
	}
	defer rows.Close()
	var out []GradeRef
	for rows.Next() {
		var r GradeRef
		if err := rows.Scan(&r.StatementID, &r.Version); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
