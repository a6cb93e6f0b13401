package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"jingzi"
)

// parseForm reads a posted form. An oversize body keeps its *http.MaxBytesError,
// which the error page turns into 413; any other failure is the user's input.
func parseForm(r *http.Request) error {
	err := r.ParseForm()
	var tooLarge *http.MaxBytesError
	if err == nil || errors.As(err, &tooLarge) {
		return err
	}
	return jingzi.Errorf(jingzi.EINVALID, "提交的表单无法识别，请返回重新填写。")
}

// formInt reads a whole number field; what names the field in the message.
func formInt(r *http.Request, key, what string) (int, error) {
	v := strings.TrimSpace(r.PostFormValue(key))
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, jingzi.Errorf(jingzi.EINVALID, "“%s”应填写整数。", what)
	}
	return n, nil
}

// formID reads an id field; an empty field is 0.
func formID(r *http.Request, key string) (int64, error) {
	v := strings.TrimSpace(r.PostFormValue(key))
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id < 0 {
		return 0, jingzi.Errorf(jingzi.EINVALID, "所选项目无效，请刷新页面后重新选择。")
	}
	return id, nil
}

// pathID reads the {id} of the route; a malformed id is simply not found.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, jingzi.Errorf(jingzi.ENOTFOUND, "您访问的内容不存在。")
	}
	return id, nil
}

// formBool reads a checkbox.
func formBool(r *http.Request, key string) bool {
	v := r.PostFormValue(key)
	return v == "on" || v == "1" || v == "true"
}
