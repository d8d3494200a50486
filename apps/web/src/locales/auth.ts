/** Labels of signing in and out (pages/SignIn, SignInCallback, NotInDirectory), in both languages; merged into the `auth` keys. */

const ko = {
  auth: {
    ssoIntro: "소속 기관의 통합 로그인(SSO) 페이지로 이동해 아이디와 비밀번호를 입력합니다. 로그인하면 이 허브로 돌아옵니다.",
    ssoContinue: "통합 로그인으로 계속",
    ssoStarting: "통합 로그인 페이지로 이동하는 중…",
    completing: "로그인을 마무리하는 중…",
    failedTitle: "로그인하지 못했습니다",
    again: "다시 로그인",
    signedOut: "로그아웃했습니다. 통합 로그인 세션도 끝났습니다.",
    signedOutDev: "로그아웃했습니다.",
    expired: "로그인이 만료되어 로그아웃되었습니다. 다시 로그인해 주세요.",
  },
  directory: {
    title: "팀코리아 허브에 등록되지 않은 계정입니다",
    what: "{{email}} 계정으로 통합 로그인에는 성공했지만, 허브의 사용자 명부에 이 계정이 없어 보여 드릴 업무가 없습니다.",
    whatNoEmail: "통합 로그인에는 성공했지만, 허브의 사용자 명부에 이 계정이 없어 보여 드릴 업무가 없습니다.",
    ask: "소속 공관이나 기관의 허브 관리자에게 이 주소로 계정을 추가해 달라고 요청한 뒤 다시 로그인하세요.",
    other: "다른 계정으로 로그인하려면 먼저 로그아웃하세요.",
  },
};

type Same<T> = { [K in keyof T]: T[K] extends string ? string : Same<T[K]> };

const en: Same<typeof ko> = {
  auth: {
    ssoIntro: "You sign in on your organisation's single sign-on (SSO) page with your username and password, and come back to this hub.",
    ssoContinue: "Continue to single sign-on",
    ssoStarting: "Going to the single sign-on page…",
    completing: "Finishing signing in…",
    failedTitle: "Signing in did not work",
    again: "Sign in again",
    signedOut: "You have signed out, and your single sign-on session has ended too.",
    signedOutDev: "You have signed out.",
    expired: "Your sign-in expired and you were signed out. Please sign in again.",
  },
  directory: {
    title: "Your account is not registered in Team Korea Hub",
    what: "You signed in through single sign-on as {{email}}, but the hub's directory has no such account, so there is nothing to show you.",
    whatNoEmail: "You signed in through single sign-on, but the hub's directory has no such account, so there is nothing to show you.",
    ask: "Ask your mission's or organisation's hub administrator to add this address, then sign in again.",
    other: "To sign in with another account, sign out first.",
  },
};

export const auth = { ko, en };
