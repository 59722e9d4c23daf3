import { Page } from "../components/Layout";

export default function Roles() {
  return (
    <Page title="Roles">
      <p>Coming next.</p>
    </Page>
  );
}
