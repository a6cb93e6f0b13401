package docx

import (
	"errors"

	"jingzi"
)

// User-facing messages for files that cannot be imported.
const (
	msgNotDocx     = "文件不是有效的.docx文档，请用Word或WPS另存为.docx后再导入。"
	msgEncrypted   = "文件已加密，请先取消密码保护后另存为.docx再导入。"
	msgLegacy      = "这是旧版.doc/.wps格式，请用Word或WPS另存为.docx后再导入。"
	msgTooLarge    = "文件内容过大或压缩比异常，可能是恶意构造的压缩包，已拒绝导入。"
	msgUnsafePath  = "文件包含不安全的路径，已拒绝导入。"
	msgTooMany     = "文件包含的部件过多，不是正常的.docx文档，已拒绝导入。"
	msgUnsafeXML   = "文件包含不安全的内容，已拒绝导入。"
	msgBrokenXML   = "文件内容已损坏，无法读取，请用Word或WPS打开后重新另存为.docx再导入。"
	msgTooDeep     = "文件结构嵌套过深，不是正常的.docx文档，已拒绝导入。"
	msgNoSoffice   = "服务器未安装格式转换工具，无法转换旧版.doc/.wps文件，请用Word或WPS另存为.docx后再导入。"
	msgConvertFail = "旧版.doc/.wps文件转换失败，请用Word或WPS另存为.docx后再导入。"
)

func invalid(msg string) *jingzi.Error {
	return &jingzi.Error{Code: jingzi.EINVALID, Message: msg}
}

// IsLegacy reports whether err is Read's refusal of a legacy .doc or .wps
// file (also when wrapped): the one refusal that ConvertLegacy can fix, so a
// caller that has LibreOffice may convert the upload and read it again.
func IsLegacy(err error) bool {
	var je *jingzi.Error
	return errors.As(err, &je) && je.Code == jingzi.EINVALID && je.Message == msgLegacy
}
