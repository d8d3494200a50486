/** The app while no one is signed in: the sign-in page, the provider's return and sign-out landing; any other path goes to sign-in. */
import { Navigate, Route, Routes } from "react-router-dom";
import { CALLBACK_PATH, SIGNED_OUT_PATH } from "./oidc";
import { SignIn } from "./pages/SignIn";
import { SignInCallback } from "./pages/SignInCallback";

export function SignedOutRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignIn />} />
      <Route path={SIGNED_OUT_PATH} element={<SignIn signedOut />} />
      <Route path={CALLBACK_PATH} element={<SignInCallback />} />
      <Route path="*" element={<Navigate to="/sign-in" replace />} />
    </Routes>
  );
}
