import { Page } from "../components/Layout";

export default function Settings() {
  return (
    <Page title="Settings">
      <p>Coming next.</p>
    </Page>
  );
}
