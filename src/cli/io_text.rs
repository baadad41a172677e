//! The operating system's reasons in the command line's language: an IO
//! error's text from the standard library is English ("No such file or
//! directory (os error 2)"), so the command line says its kind itself.

use super::lang::Lang;
use std::io::ErrorKind;

/// `e` and its causes, joined by "：" (": " in English), each IO error by
/// its kind.
pub(crate) fn error_chain(e: &anyhow::Error, lang: Lang) -> String {
    let parts: Vec<String> = e
        .chain()
        .map(|cause| match cause.downcast_ref::<std::io::Error>() {
            Some(io) => io_reason(io, lang),
            None => cause.to_string(),
        })
        .collect();
    parts.join(lang.pick("：", ": "))
}

/// What went wrong with a file; the error number for kinds with no name
/// here, so it can still be looked up.
fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    if lang == Lang::En {
        return english_reason(e);
    }
    let text = match e.kind() {
        ErrorKind::NotFound => "文件或目录不存在",
        ErrorKind::PermissionDenied => "没有权限",
        ErrorKind::AlreadyExists => "已经存在",
        ErrorKind::NotADirectory => "不是目录",
        ErrorKind::IsADirectory => "是目录而不是文件",
        ErrorKind::DirectoryNotEmpty => "目录不是空的",
        ErrorKind::ReadOnlyFilesystem => "文件系统只读",
        ErrorKind::StorageFull => "磁盘已满",
        ErrorKind::QuotaExceeded => "超出磁盘配额",
        ErrorKind::FileTooLarge => "文件太大",
        ErrorKind::CrossesDevices => "不能跨磁盘移动",
        ErrorKind::InvalidFilename => "文件名无效",
        ErrorKind::AddrInUse => "端口已被占用",
        ErrorKind::AddrNotAvailable => "地址不可用",
        ErrorKind::BrokenPipe => "管道已关闭",
        ErrorKind::Interrupted => "操作被中断",
        ErrorKind::TimedOut => "操作超时",
        ErrorKind::InvalidData => "数据无效",
        ErrorKind::UnexpectedEof => "文件意外结束",
        ErrorKind::OutOfMemory => "内存不足",
        _ => {
            return match e.raw_os_error() {
                Some(code) => format!("系统错误（错误号 {code}）"),
                None => "系统错误".to_string(),
            }
        }
    };
    text.to_string()
}

/// The standard library's own words without its `(os error 2)` tail.
fn english_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.split_once(" (os error") {
        Some((reason, _)) => reason.to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_are_named_in_chinese_after_their_context() {
        let io = std::io::Error::from(ErrorKind::NotFound);
        let e = anyhow::Error::new(io).context("无法读取 site.yaml");
        assert_eq!(
            error_chain(&e, Lang::Zh),
            "无法读取 site.yaml：文件或目录不存在"
        );
        let e = anyhow::Error::new(std::io::Error::from_raw_os_error(71));
        assert_eq!(error_chain(&e, Lang::Zh), "系统错误（错误号 71）");
    }

    #[test]
    fn io_errors_in_english_lose_the_error_number() {
        let io = std::io::Error::from_raw_os_error(2);
        let e = anyhow::Error::new(io).context("无法读取 site.yaml");
        assert_eq!(
            error_chain(&e, Lang::En),
            "无法读取 site.yaml: No such file or directory"
        );
    }
}
