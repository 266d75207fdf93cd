"""Forms of the account pages.

Django's own Vietnamese messages for these forms are partly wrong ("Nhập địa chỉ email."
for an invalid address), partly awkward ("Vui lòng điền vào Tên đăng nhập…") and partly
missing (null characters), so every message a user can meet here is written out below.
"""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import ValidationError

User = get_user_model()

INVALID_CHARACTERS = "Nội dung có ký tự không hợp lệ, vui lòng nhập lại."
TOO_LONG = "Tối đa %(limit_value)d ký tự (bạn đã nhập %(show_value)d)."
INVALID_EMAIL = "Địa chỉ email không hợp lệ. Ví dụ đúng: hoten@example.com."


def field_messages(required=None, **extra):
    """Error messages of a field: the "required" text plus the ones every text field needs."""
    messages = {"null_characters_not_allowed": INVALID_CHARACTERS, "max_length": TOO_LONG}
    if required:
        messages["required"] = required
    messages.update(extra)
    return messages


def password_input(autocomplete, **attrs):
    return forms.PasswordInput(attrs={"autocomplete": autocomplete, **attrs})


# --- Sign-in ------------------------------------------------------------------------------


class LoginForm(auth_forms.AuthenticationForm):
    # max_length given here, not left to AuthenticationForm: set after construction it adds
    # no validator, and an overlong name would reach django-axes, whose username column
    # (255 characters) PostgreSQL then refuses with an error page.
    username = auth_forms.UsernameField(
        label="Tên đăng nhập",
        max_length=User._meta.get_field(User.USERNAME_FIELD).max_length,
        widget=forms.TextInput(attrs={"autofocus": True}),
        error_messages=field_messages("Vui lòng nhập tên đăng nhập."),
    )
    password = forms.CharField(
        label="Mật khẩu",
        strip=False,
        widget=password_input("current-password"),
        error_messages=field_messages("Vui lòng nhập mật khẩu."),
    )

    error_messages = {
        "invalid_login": (
            "Vui lòng nhập đúng tên đăng nhập và mật khẩu. "
            "Lưu ý: cả hai đều phân biệt chữ hoa và chữ thường."
        ),
        "inactive": "Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ người quản trị trang.",
    }


# --- Passwords ----------------------------------------------------------------------------

# Password validators answer with Django's translations, which read oddly ("Mật khẩu quá
# giống với Tên đăng nhập."); they are rewritten by their error code.
PASSWORD_RULE_MESSAGES = {
    "password_too_short": "Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.",
    "password_too_similar": "Mật khẩu quá giống %(verbose_name)s của bạn.",
    "password_too_common": "Mật khẩu này quá phổ biến, rất dễ bị dò ra.",
    "password_entirely_numeric": "Mật khẩu không được chỉ gồm toàn chữ số.",
}


def vietnamese_password_errors(error):
    """Return the errors of a failed password validation with the portal's own wording."""
    errors = []
    for item in error.error_list:
        message = PASSWORD_RULE_MESSAGES.get(item.code)
        if message is None:
            errors.append(item)
            continue
        params = dict(item.params or {})
        if "verbose_name" in params:
            params["verbose_name"] = str(params["verbose_name"]).lower()
        errors.append(ValidationError(message, code=item.code, params=params))
    return errors


class NewPasswordMixin(forms.Form):
    """New password twice, checked against the validators, errors next to the first field.

    A Form itself so that its fields replace Django's in the forms that mix it in.
    """

    new_password1 = forms.CharField(
        label="Mật khẩu mới",
        strip=False,
        widget=password_input("new-password"),
        help_text=password_validation.password_validators_help_text_html(),
        error_messages=field_messages("Vui lòng nhập mật khẩu mới."),
    )
    new_password2 = forms.CharField(
        label="Nhập lại mật khẩu mới",
        strip=False,
        widget=password_input("new-password"),
        help_text="Nhập lại đúng mật khẩu mới ở trên để tránh gõ nhầm.",
        error_messages=field_messages("Vui lòng nhập lại mật khẩu mới."),
    )

    error_messages = {
        "password_mismatch": "Hai lần nhập mật khẩu mới không khớp nhau.",
        "password_incorrect": "Mật khẩu hiện tại không đúng. Vui lòng nhập lại.",
    }

    def validate_password_for_user(self, user, *args, **kwargs):
        # Django checks the confirmation field and shows the rules' errors under it; the
        # password that is saved is the first one, whose help text lists those rules.
        password = self.cleaned_data.get("new_password1")
        if not password:
            return
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            self.add_error("new_password1", vietnamese_password_errors(error))


class SetPasswordForm(NewPasswordMixin, auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(NewPasswordMixin, auth_forms.PasswordChangeForm):
    old_password = forms.CharField(
        label="Mật khẩu hiện tại",
        strip=False,
        widget=password_input("current-password", autofocus=True),
        error_messages=field_messages("Vui lòng nhập mật khẩu hiện tại."),
    )


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="Địa chỉ email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        help_text="Địa chỉ email đã đăng ký với tài khoản của bạn.",
        error_messages=field_messages(
            "Vui lòng nhập địa chỉ email của tài khoản.", invalid=INVALID_EMAIL
        ),
    )


# --- The account page ---------------------------------------------------------------------


class AccountForm(forms.ModelForm):
    """The user's own name and email; changing the email asks for the password.

    The email is where a password-reset link goes, so whoever holds a forgotten open
    session must not be able to point it elsewhere.
    """

    current_password = forms.CharField(
        label="Mật khẩu hiện tại",
        required=False,
        strip=False,
        widget=password_input("current-password"),
        help_text="Chỉ cần nhập khi đổi địa chỉ email.",
        error_messages=field_messages(),
    )

    class Meta:
        model = User
        fields = ["last_name", "first_name", "email"]
        labels = {
            "last_name": "Họ và tên đệm",
            "first_name": "Tên",
            "email": "Địa chỉ email",
        }
        help_texts = {
            "last_name": "Ví dụ: Nguyễn Văn",
            "first_name": "Ví dụ: An",
            "email": "Dùng để nhận liên kết đặt lại mật khẩu khi bạn quên mật khẩu.",
        }
        error_messages = {
            "last_name": field_messages(),
            "first_name": field_messages(),
            "email": field_messages(invalid=INVALID_EMAIL),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.original_email = self.instance.email or ""

    def clean_email(self):
        email = BaseUserManager.normalize_email(self.cleaned_data["email"])
        if (
            email
            and User._default_manager.filter(email__iexact=email)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise ValidationError(
                "Địa chỉ email này đã được dùng cho một tài khoản khác.", code="duplicate"
            )
        return email

    def email_changed(self):
        email = self.cleaned_data.get("email")
        return email is not None and email.casefold() != self.original_email.casefold()

    def clean(self):
        cleaned_data = super().clean()
        if self.email_changed():
            password = cleaned_data.get("current_password")
            if not password:
                self.add_error(
                    "current_password", "Vui lòng nhập mật khẩu hiện tại để đổi địa chỉ email."
                )
            elif not self.instance.check_password(password):
                self.add_error("current_password", "Mật khẩu hiện tại không đúng.")
        return cleaned_data
